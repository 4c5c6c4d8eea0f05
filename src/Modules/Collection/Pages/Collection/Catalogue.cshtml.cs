using IctGov.Collection.Features;
using IctGov.Planning.Contracts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>The data resource catalogue (行业数据资源目录).</summary>
public sealed class CatalogueModel(ICatalogueReader catalogue) : PageModel
{
    // The module's services are internal; a public page model resolves them per request.
    private ReportStore Store => HttpContext.RequestServices.GetRequiredService<ReportStore>();
    internal IReadOnlyList<DataCatalogueApi.Entry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await DataCatalogueApi.BuildAsync(catalogue, Store, ct);
}
