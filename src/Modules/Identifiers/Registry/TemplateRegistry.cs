using System.Collections.Frozen;
using System.Text.Json;
using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Registry;

/// <summary>
/// The data templates, held in memory so that checking a batch of 2,000 registrations reads no
/// table. A handle falls under the template of its own prefix, else of the nearest parent prefix
/// that has one (an enterprise prefix 88.100.1 inherits the template of its secondary node 88.100).
/// </summary>
internal sealed class TemplateRegistry(Connections db)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private volatile FrozenDictionary<string, DataTemplate> _templates = FrozenDictionary<string, DataTemplate>.Empty;

    public IReadOnlyCollection<DataTemplate> All => _templates.Values;

    public DataTemplate? Find(string handle)
    {
        var templates = _templates;
        if (templates.Count == 0)
        {
            return null;
        }
        var prefix = HandleName.Normalize(HandleName.Prefix(handle));
        while (true)
        {
            if (templates.TryGetValue(prefix, out var t))
            {
                return t;
            }
            var dot = prefix.LastIndexOf('.');
            if (dot <= 0)
            {
                return null;
            }
            prefix = prefix[..dot];
        }
    }

    /// <summary>Reads every template; called at start-up and after each template write.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = HandleStore.Command(conn, null, """SELECT "Prefix", "FieldsJson" FROM identifiers_template""");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var map = new Dictionary<string, DataTemplate>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var prefix = reader.GetString(0);
            var fields = JsonSerializer.Deserialize<List<TemplateField>>(reader.GetString(1), Json) ?? [];
            map[HandleName.Normalize(prefix)] = new DataTemplate(prefix, fields);
        }
        _templates = map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
