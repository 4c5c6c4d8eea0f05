using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IctGov.Market.Contracts;

/// <summary>An object in the pool of a draw: a licence holder and its credit level on the draw's day.</summary>
/// <param name="Code">The holder's unified social credit code.</param>
/// <param name="Level">Its credit level.</param>
public sealed record DrawObject(string Code, string Level);

/// <summary>An inspector in the pool (执法检查人员).</summary>
/// <param name="Id">The inspector's identifier (law-enforcement certificate number).</param>
/// <param name="Unit">The inspector's unit: a holder's credit code when the inspector works for one (never drawn for it), else the authority's.</param>
/// <param name="Region">The region the inspector serves.</param>
public sealed record DrawInspector(string Id, string Unit, string Region);

/// <summary>Everything a 双随机 draw depends on: the plan, the announced public input, and both pools.</summary>
/// <param name="Plan">The plan's identifier.</param>
/// <param name="Authority">The authority that runs it.</param>
/// <param name="Title">The plan's title.</param>
/// <param name="Items">The inspection items (检查事项清单).</param>
/// <param name="Ratios">The share of each credit level's objects drawn, as decimal strings ("0.05").</param>
/// <param name="Announced">The public input announced before the draw (a date and a published figure no one controls).</param>
/// <param name="Objects">The object pool.</param>
/// <param name="Inspectors">The inspector pool.</param>
/// <param name="LastInspectors">For each object, the inspectors of its last inspection (never drawn again for it).</param>
public sealed record DrawInputs(string Plan, string Authority, string Title, IReadOnlyList<string> Items, IReadOnlyDictionary<string, string> Ratios,
    string Announced, IReadOnlyList<DrawObject> Objects, IReadOnlyList<DrawInspector> Inspectors, IReadOnlyDictionary<string, IReadOnlyList<string>> LastInspectors);

/// <summary>An object drawn, with its two inspectors.</summary>
/// <param name="Code">The holder's credit code.</param>
/// <param name="Level">Its credit level.</param>
/// <param name="Inspectors">The inspectors drawn for it.</param>
public sealed record DrawPick(string Code, string Level, IReadOnlyList<string> Inspectors);

/// <summary>
/// The 双随机、一公开 draw, deterministic so anyone can re-run it from the published document (docs/MARKET.md):
/// <list type="number">
/// <item>seed = SHA-256 of the canonical JSON (RFC 8785 style, as the electronic licences) of the inputs;</item>
/// <item>each object's key = SHA-256(seed ‖ "object:" ‖ code); in each credit level, the ⌈ratio × n⌉ objects with the
/// smallest keys are drawn;</item>
/// <item>drawn objects in key order each get two inspectors: among those of another unit than the object and not of its
/// last inspection, the fewest objects so far, then the smallest SHA-256(seed ‖ "inspector:" ‖ code ‖ ":" ‖ id).</item>
/// </list>
/// Keys are compared as lowercase hex strings, ordinally.
/// </summary>
public static class InspectionDraw
{
    /// <summary>The document's format name.</summary>
    public const string Format = "ictgov-draw/1";

    /// <summary>Inspectors per object drawn.</summary>
    public const int InspectorsPerObject = 2;

    /// <summary>The inputs as the document carries them (every value a string, pools sorted).</summary>
    public static JsonObject ToJson(DrawInputs inputs) => new()
    {
        ["plan"] = inputs.Plan,
        ["authority"] = inputs.Authority,
        ["title"] = inputs.Title,
        ["items"] = Strings(inputs.Items),
        ["ratios"] = new JsonObject(inputs.Ratios.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
        ["announced"] = inputs.Announced,
        ["objects"] = new JsonArray(inputs.Objects.OrderBy(o => o.Code, StringComparer.Ordinal).Select(o => (JsonNode)new JsonObject { ["code"] = o.Code, ["level"] = o.Level }).ToArray()),
        ["inspectors"] = new JsonArray(inputs.Inspectors.OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => (JsonNode)new JsonObject { ["id"] = i.Id, ["unit"] = i.Unit, ["region"] = i.Region }).ToArray()),
        ["lastInspectors"] = new JsonObject(inputs.LastInspectors.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)Strings(l.Value)))),
    };

    /// <summary>Reads inputs from a document; a <see cref="FormatException"/> names the field at fault.</summary>
    public static DrawInputs FromJson(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            throw new FormatException("inputs: expected an object");
        }
        string Text(JsonNode? n, string field) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"{field}: expected a string");
        JsonArray Array(JsonNode? n, string field) => n as JsonArray ?? throw new FormatException($"{field}: expected an array");
        JsonObject Object(JsonNode? n, string field) => n as JsonObject ?? throw new FormatException($"{field}: expected an object");
        return new(
            Text(o["plan"], "plan"), Text(o["authority"], "authority"), Text(o["title"], "title"),
            Array(o["items"], "items").Select((n, i) => Text(n, $"items[{i}]")).ToList(),
            Object(o["ratios"], "ratios").ToDictionary(r => r.Key, r => Text(r.Value, "ratios." + r.Key)),
            Text(o["announced"], "announced"),
            Array(o["objects"], "objects").Select((n, i) => new DrawObject(Text(n?["code"], $"objects[{i}].code"), Text(n?["level"], $"objects[{i}].level"))).ToList(),
            Array(o["inspectors"], "inspectors").Select((n, i) => new DrawInspector(Text(n?["id"], $"inspectors[{i}].id"), Text(n?["unit"], $"inspectors[{i}].unit"), Text(n?["region"], $"inspectors[{i}].region"))).ToList(),
            Object(o["lastInspectors"], "lastInspectors").ToDictionary(l => l.Key, l => (IReadOnlyList<string>)Array(l.Value, "lastInspectors." + l.Key).Select((n, i) => Text(n, $"lastInspectors.{l.Key}[{i}]")).ToList()));
    }

    /// <summary>The seed: lowercase hex SHA-256 of the canonical inputs.</summary>
    public static string Seed(JsonObject inputs) => Hash(ElectronicLicence.Canonical(inputs));

    /// <summary>Draws; the problem names what makes the draw impossible (a bad ratio, too few eligible inspectors).</summary>
    public static (IReadOnlyList<DrawPick>? Picks, string? Problem) Draw(DrawInputs inputs, string seed)
    {
        var ratios = new Dictionary<string, decimal>();
        foreach (var (level, text) in inputs.Ratios)
        {
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) || r > 1)
            {
                return (null, $"ratios.{level}: expected a share from 0 to 1, such as 0.05 (got '{text}')");
            }
            ratios[level] = r;
        }
        if (inputs.Objects.FirstOrDefault(o => !ratios.ContainsKey(o.Level)) is { } unrated)
        {
            return (null, $"objects: {unrated.Code} is of level {unrated.Level}, which has no ratio");
        }
        if (inputs.Objects.GroupBy(o => o.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return (null, $"objects: {twice.Key} is in the pool twice");
        }
        if (inputs.Inspectors.GroupBy(i => i.Id).FirstOrDefault(g => g.Count() > 1) is { } twiceI)
        {
            return (null, $"inspectors: {twiceI.Key} is in the pool twice");
        }
        var drawn = inputs.Objects
            .GroupBy(o => o.Level)
            .SelectMany(g => g.Select(o => (Object: o, Key: Hash(seed + "object:" + o.Code)))
                .OrderBy(x => x.Key, StringComparer.Ordinal).ThenBy(x => x.Object.Code, StringComparer.Ordinal)
                .Take((int)Math.Ceiling(ratios[g.Key] * g.Count())))
            .OrderBy(x => x.Key, StringComparer.Ordinal).ThenBy(x => x.Object.Code, StringComparer.Ordinal)
            .ToList();
        var load = inputs.Inspectors.ToDictionary(i => i.Id, _ => 0);
        var picks = new List<DrawPick>();
        foreach (var (o, _) in drawn)
        {
            var last = inputs.LastInspectors.TryGetValue(o.Code, out var l) ? l : [];
            var chosen = inputs.Inspectors
                .Where(i => i.Unit != o.Code && !last.Contains(i.Id))
                .OrderBy(i => load[i.Id]).ThenBy(i => Hash(seed + "inspector:" + o.Code + ":" + i.Id), StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
                .Take(InspectorsPerObject).Select(i => i.Id).ToList();
            if (chosen.Count < InspectorsPerObject)
            {
                return (null, $"objects: {o.Code} has {chosen.Count} eligible inspector(s) (another unit, not its last inspectors); {InspectorsPerObject} are needed");
            }
            foreach (var id in chosen)
            {
                load[id]++;
            }
            picks.Add(new DrawPick(o.Code, o.Level, chosen));
        }
        return (picks, null);
    }

    /// <summary>The published document of a draw: its inputs, seed and result.</summary>
    public static JsonObject Document(JsonObject inputs, string seed, IReadOnlyList<DrawPick> picks) => new()
    {
        ["format"] = Format,
        ["inputs"] = inputs,
        ["seed"] = seed,
        ["result"] = ResultJson(picks),
    };

    /// <summary>Re-runs a published draw from its inputs: whether the seed and the result are reproduced, and how they differ if not.</summary>
    public static (bool Reproduced, string Message) Rerun(string document)
    {
        JsonObject doc;
        DrawInputs inputs;
        try
        {
            doc = JsonNode.Parse(document) as JsonObject ?? throw new FormatException("expected a JSON object");
            if (doc["format"]?.ToString() != Format)
            {
                throw new FormatException($"format: expected {Format}");
            }
            inputs = FromJson(doc["inputs"]);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return (false, "not a draw document: " + e.Message);
        }
        string seed, published;
        try
        {
            // Canonical form admits strings only: a number or null slipped into the inputs or the result is refused here.
            seed = Seed(doc["inputs"]!.AsObject());
            published = ElectronicLicence.Canonical(doc["result"]);
        }
        catch (FormatException e)
        {
            return (false, "not a draw document: " + e.Message);
        }
        if (seed != doc["seed"]?.ToString())
        {
            return (false, $"the seed of these inputs is {seed}, not the published {doc["seed"]}: the inputs were changed");
        }
        var (picks, problem) = Draw(inputs, seed);
        if (picks is null)
        {
            return (false, "the inputs cannot be drawn: " + problem);
        }
        var expected = ElectronicLicence.Canonical(ResultJson(picks));
        if (expected != published)
        {
            return (false, "the published result differs from the draw of its inputs, which is " + expected);
        }
        return (true, $"reproduced: {picks.Count} object(s) drawn from {inputs.Objects.Count} with seed {seed}");
    }

    private static JsonArray ResultJson(IReadOnlyList<DrawPick> picks) =>
        new(picks.Select(p => (JsonNode)new JsonObject { ["code"] = p.Code, ["level"] = p.Level, ["inspectors"] = Strings(p.Inspectors) }).ToArray());

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
