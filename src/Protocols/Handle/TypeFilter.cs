namespace IctGov.Protocols.Handle;

/// <summary>
/// Which handle values a type in a query selects — the one rule every resolution path (the wire, the REST API)
/// applies, so the same query answers the same values however it arrives.
/// </summary>
/// <remarks>
/// RFC 3651 §3.1: a stored type never ends with '.', and "the '.' character may appear in the end of the
/// &lt;type&gt; parameter in a handle query. This is used to query for all handle values under a common type
/// hierarchy" — "a.b." selects "a.b.x", "a.b.y". Handle.Net's server filters with
/// <c>net.handle.hdllib.Util.isParentTypeInArray</c>, which pins the details: a query type ending with '.'
/// selects every type that starts with it and the type named without the period ("url." selects "url" and
/// "url.us"); any other query type selects that type only ("url" does not select "url.us", "url.jp" does not
/// select "url"). Comparison ignores case in ASCII only (its <c>equalsCI</c>/<c>startsWithCI</c> upper-case
/// octets a–z), as handles themselves are compared.
/// </remarks>
public static class TypeFilter
{
    /// <summary>Whether the query type <paramref name="filter"/> selects a value of type <paramref name="type"/>.</summary>
    public static bool Matches(string filter, string type)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(type);
        if (filter.Length > 0 && filter[^1] == '.')
        {
            return (type.Length >= filter.Length && EqualsAsciiIgnoreCase(type.AsSpan(0, filter.Length), filter))
                || EqualsAsciiIgnoreCase(type, filter.AsSpan(0, filter.Length - 1));
        }
        return EqualsAsciiIgnoreCase(type, filter);
    }

    /// <summary>Whether any of the query types selects a value of type <paramref name="type"/> (an empty list selects nothing).</summary>
    public static bool MatchesAny(IReadOnlyList<string> filters, string type)
    {
        ArgumentNullException.ThrowIfNull(filters);
        for (var i = 0; i < filters.Count; i++)
        {
            if (Matches(filters[i], type))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether a resolution asking for <paramref name="indexes"/> and <paramref name="types"/> returns <paramref name="value"/>:
    /// every value when both lists are empty, otherwise a value whose index is listed or whose type a listed type selects
    /// (Handle.Net's <c>Util.filterValues</c>; RFC 3652 §3.5: empty lists mean all values).
    /// </summary>
    public static bool Selects(IReadOnlyList<int> indexes, IReadOnlyList<string> types, HandleValue value)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(value);
        if (indexes.Count == 0 && types.Count == 0)
        {
            return true;
        }
        for (var i = 0; i < indexes.Count; i++)
        {
            if (indexes[i] == value.Index)
            {
                return true;
            }
        }
        return MatchesAny(types, value.Type);
    }

    private static bool EqualsAsciiIgnoreCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        for (var i = 0; i < a.Length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y && !((x | 0x20) == (y | 0x20) && (x | 0x20) is >= 'a' and <= 'z'))
            {
                return false;
            }
        }
        return true;
    }
}
