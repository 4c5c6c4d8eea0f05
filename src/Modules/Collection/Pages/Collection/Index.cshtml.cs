using IctGov.Collection.Features;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>
/// 报送工作台: what the signed-in user has to do — reports waiting for their decision (待我审核), their
/// unit's reports (我的报送), what their unit still owes this period, and units overdue in their charge.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IActorAccessor actors) : PageModel
{
    internal ReportingWork Work { get; private set; } = new([], [], [], []);
    internal Labels Names { get; private set; } = new([]);
    internal IReadOnlyDictionary<string, Domain.DataSet> DataSets { get; private set; } = new Dictionary<string, Domain.DataSet>();
    public Actor Actor => actors.Current;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Work = await HttpContext.RequestServices.GetRequiredService<ReportService>().WorkAsync(ct);
        DataSets = (await HttpContext.RequestServices.GetRequiredService<ReportStore>().DataSetsAsync(ct)).ToDictionary(d => d.Code);
        Names = await Labels.LoadAsync(HttpContext.RequestServices, ct);
    }

    internal string DataSetName(string code) => DataSets.TryGetValue(code, out var d) ? Labels.DataSet(d) : code;
}
