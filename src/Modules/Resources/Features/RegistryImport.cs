using IctGov.Data.Files;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;

namespace IctGov.Resources.Features;

/// <summary>
/// Batch files (CSV or XLSX, through the platform's one reader) for each register. The columns are the
/// fields of the JSON records; a file with any bad row is refused whole, its errors naming rows as a
/// spreadsheet numbers them.
/// </summary>
internal sealed class RegistryImport(ResourceRegistry registry)
{
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["subjects"] = ["kind", "name", "creditCode", "idNumber", "region"],
        ["providers"] = ["name", "creditCode", "licenceNumber", "region"],
        ["domains"] = ["name", "registrar", "registrant", "status", "created", "expires", "nameServers"],
        ["prefixes"] = ["prefix", "parent", "kind", "holder", "purpose", "region", "allocated"],
    };

    public async Task<Outcome<BatchResult>> ImportAsync(Actor actor, string register, Stream file, string? fileName, string? contentType, CancellationToken ct)
    {
        if (!Columns.TryGetValue(register, out var columns))
        {
            return Outcome.Refused<BatchResult>(OutcomeStatus.NotFound, $"no register '{register}'");
        }
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<BatchResult>(actor.Refusal, "the ministry keeps the resource registry");
        }
        var read = TableReader.Read(file, fileName, contentType, columns, ct: ct);
        if (!read.Succeeded)
        {
            return read.Cast<BatchResult>();
        }
        var rows = read.Value!;
        var numbers = rows.Select(r => r.Row).ToList();
        string? F(TableRow r, int i) => r[i].Length == 0 ? null : r[i];
        return register switch
        {
            "subjects" => await registry.AddSubjectsAsync(actor, rows.Select(r => new SubjectInput(F(r, 0), F(r, 1), F(r, 2), F(r, 3), F(r, 4))).ToList(), numbers, ct),
            "providers" => await registry.AddProvidersAsync(actor, rows.Select(r => new ProviderInput(F(r, 0), F(r, 1), F(r, 2), F(r, 3))).ToList(), numbers, ct),
            "domains" => await registry.AddDomainsAsync(actor, rows.Select(r => new DomainInput(F(r, 0), F(r, 1), F(r, 2), F(r, 3), F(r, 4), F(r, 5), F(r, 6))).ToList(), numbers, ct),
            _ => await registry.AddPrefixesAsync(actor, rows.Select(r => new PrefixInput(F(r, 0), F(r, 1), F(r, 2), F(r, 3), F(r, 4), F(r, 5), F(r, 6))).ToList(), numbers, ct),
        };
    }
}
