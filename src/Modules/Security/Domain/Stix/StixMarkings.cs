namespace IctGov.Security.Domain.Stix;

/// <summary>
/// The Traffic Light Protocol marking definitions whose ids are fixed: TLP 1.0 as STIX 2.1 section
/// 7.2.1.4 defines them (<c>definition_type: tlp</c>) and TLP 2.0 as the OASIS STIX/TLP 2.0 extension
/// (<c>extension-definition--60a3c5c5-…</c>, property <c>tlp_2_0</c>) publishes them. An object's
/// TLP level is read from its <c>object_marking_refs</c>; TLP 1.0's white counts as TLP 2.0's clear.
/// </summary>
internal static class StixMarkings
{
    public const string Tlp2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    public const string Red = "red";

    /// <summary>TLP 2.0 levels by their fixed marking-definition ids.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tlp2 = new Dictionary<string, string>
    {
        ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"] = "clear",
        ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"] = "green",
        ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"] = "amber",
        ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"] = "amber+strict",
        ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"] = Red,
    };

    /// <summary>TLP 1.0 levels (STIX 2.1 section 7.2.1.4) by their fixed marking-definition ids.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tlp1 = new Dictionary<string, string>
    {
        ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"] = "white",
        ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"] = "green",
        ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"] = "amber",
        ["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"] = "red",
    };

    // Most restrictive first: an object carrying two TLP markings is treated by the stricter.
    private static readonly string[] Strictness = [Red, "amber+strict", "amber", "green", "clear"];

    /// <summary>The TLP level (clear, green, amber, amber+strict, red) an object's marking refs give, the strictest when several.</summary>
    public static string? Level(IEnumerable<string> markingRefs)
    {
        string? level = null;
        foreach (var id in markingRefs)
        {
            var l = Tlp2.TryGetValue(id, out var v2) ? v2 : Tlp1.TryGetValue(id, out var v1) ? (v1 == "white" ? "clear" : v1) : null;
            if (l is not null && (level is null || Array.IndexOf(Strictness, l) < Array.IndexOf(Strictness, level)))
            {
                level = l;
            }
        }
        return level;
    }

    /// <summary>The TLP 2.0 marking definition of a level as the extension publishes it (created 2022-10-01).</summary>
    public static string Tlp2Definition(string level)
    {
        var id = Tlp2.Single(p => p.Value == level).Key;
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "marking-definition",
            ["spec_version"] = "2.1",
            ["id"] = id,
            ["created"] = "2022-10-01T00:00:00.000Z",
            ["name"] = "TLP:" + level.ToUpperInvariant(),
            ["extensions"] = new Dictionary<string, object> { [Tlp2Extension] = new Dictionary<string, string> { ["extension_type"] = "property-extension", ["tlp_2_0"] = level } },
        });
    }
}
