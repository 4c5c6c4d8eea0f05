using IctGov.Identifiers.Registry;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Storage;

// What may be stored: value checks, the prefix's data template, and the server's timestamps.
internal sealed partial class HandleStore
{
    private List<TemplateViolation> Validate(string handle, IReadOnlyList<HandleValue> values)
    {
        var violations = new List<TemplateViolation>();
        templates.Find(handle)?.Validate(handle, values, violations);
        return violations;
    }

    /// <summary>Why the values cannot be stored, or null: indexes positive and unique, types present.</summary>
    internal static string? CheckValues(IReadOnlyList<HandleValue>? values)
    {
        if (values is null)
        {
            return "values are required";
        }
        // A handle has a handful of values: comparing with the earlier ones beats a set allocated
        // per record (a million of them per million identifiers on the batch path).
        HashSet<int>? seen = values.Count > 16 ? new HashSet<int>(values.Count) : null;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v.Index <= 0)
            {
                return $"value index {v.Index}: must be positive";
            }
            if (seen is null ? IndexBefore(values, i) : !seen.Add(v.Index))
            {
                return $"value index {v.Index} appears twice";
            }
            if (string.IsNullOrEmpty(v.Type))
            {
                return $"value index {v.Index}: type is required";
            }
        }
        return null;
    }

    private static bool IndexBefore(IReadOnlyList<HandleValue> values, int i)
    {
        for (var j = 0; j < i; j++)
        {
            if (values[j].Index == values[i].Index)
            {
                return true;
            }
        }
        return false;
    }

    private List<HandleValue> Stamp(IReadOnlyList<HandleValue> values) => Stamp(values, (int)clock.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>The server sets a value's timestamp when it is written, as Handle servers do.</summary>
    private static List<HandleValue> Stamp(IReadOnlyList<HandleValue> values, int now) =>
        values.Select(v => new HandleValue
        {
            Index = v.Index, Type = v.Type, Data = v.Data, TtlType = v.TtlType, Ttl = v.Ttl, Timestamp = now,
            Permissions = v.Permissions, References = v.References,
        }).ToList();
}
