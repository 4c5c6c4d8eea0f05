using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Nodes;

/// <summary>An administrator identity or reference: <c>index:handle</c>. Index 0 in an HS_ADMIN reference means any index of that handle.</summary>
internal sealed record AdminReference(string Handle, int Index)
{
    public bool Matches(AdminReference identity) =>
        string.Equals(HandleName.Normalize(Handle), HandleName.Normalize(identity.Handle), StringComparison.Ordinal)
        && (Index == 0 || Index == identity.Index);

    public static AdminReference Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException($"Server administrator '{text}' is not of the form index:handle (e.g. 300:0.NA/88.100.1).");
        }
        return new AdminReference(text[(colon + 1)..], index);
    }

    public override string ToString() => Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Handle;
}
