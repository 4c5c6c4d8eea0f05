using IctGov.Collection.Domain;
using IctGov.Kernel;
using IctGov.Kernel.Security;

namespace IctGov.Collection.Pages.Collection;

/// <summary>
/// Names for what the collection pages show: statuses in the page's language, units and regions by name
/// (their codes stay in the <c>title</c> tooltip and in exports), data sets by name with their code.
/// </summary>
internal sealed class Labels(IReadOnlyList<OrganisationUnit> units)
{
    private readonly Dictionary<string, OrganisationUnit> _units = units.ToDictionary(u => u.Id, StringComparer.Ordinal);

    public static async Task<Labels> LoadAsync(IServiceProvider services, CancellationToken ct) =>
        new(await ((IOrganisationDirectory)services.GetService(typeof(IOrganisationDirectory))!).ListAsync(ct));

    public string Unit(string id) => _units.TryGetValue(id, out var u) ? u.Name(Bilingual.IsEnglish) : id;

    public static string Region(string code) => Regions.TryGet(code, out var r) ? r.Name(Bilingual.IsEnglish) : code;

    public static string DataSet(DataSet d) => $"{d.Code} {(Bilingual.IsEnglish ? d.NameEn : d.NameZh)}";

    public static string Element(DataSet d, string key) => d.Element(key) is { } e ? (Bilingual.IsEnglish ? e.NameEn : e.NameZh) : key;

    public static string Status(ReportStatus s) => s switch
    {
        ReportStatus.Submitted => Bilingual.T("待省局审核", "Awaiting the province"),
        ReportStatus.Returned => Bilingual.T("已退回", "Returned"),
        ReportStatus.ProvinceApproved => Bilingual.T("省局已通过，待部接收", "Approved by the province; awaiting the ministry"),
        ReportStatus.Accepted => Bilingual.T("部已接收", "Accepted by the ministry"),
        ReportStatus.Published => Bilingual.T("已发布", "Published"),
        _ => s.ToString(),
    };
}
