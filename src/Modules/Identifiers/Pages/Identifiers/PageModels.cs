using IctGov.Identifiers.Data;
using IctGov.Identifiers.Features;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using IctGov.Kernel.Display;

namespace IctGov.Identifiers.Pages.Identifiers;

// The module's services are internal; public page models resolve them per request.

/// <summary>Public identifier lookup (标识查询): enter 88.100.1/abc, see its values.</summary>
public sealed class LookupModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "handle")]
    public string? Handle { get; set; }

    internal IReadOnlyList<ValueJson>? Values { get; private set; }
    internal string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Handle))
        {
            return;
        }
        Handle = Handle.Trim();
        if (!HandleName.IsValid(Handle))
        {
            Problem = Kernel.Bilingual.T("标识格式应为 前缀/后缀，例如 88.100.1/abc", "expected prefix/suffix, e.g. 88.100.1/abc");
            return;
        }
        var values = await HttpContext.RequestServices.GetRequiredService<HandleStore>().ResolveAsync(Handle, ct);
        HttpContext.RequestServices.GetRequiredService<IResolutionMeter>().Resolved(HandleName.Normalize(HandleName.Prefix(Handle)), values is not null);
        if (values is null)
        {
            Problem = Kernel.Bilingual.T("未找到该标识", "handle not found");
            return;
        }
        Values = values.Where(v => v.Permissions.HasFlag(ValuePermissions.PublicRead)).Select(HandleJson.ToJson).ToList();
    }
}

/// <summary>Node directory (节点目录): secondary nodes by industry and province, and every node.</summary>
public sealed class NodesModel : PageModel
{
    internal IReadOnlyList<NodeRow> Nodes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Nodes = await HttpContext.RequestServices.GetRequiredService<RegistryService>().NodesAsync(ct);
}

/// <summary>Prefix management (前缀管理): the hierarchy, and a form for the ministry or a secondary prefix's owner.</summary>
public sealed class PrefixesModel : PageModel
{
    internal IReadOnlyList<PrefixRow> Prefixes { get; private set; } = [];
    internal IReadOnlyCollection<DataTemplate> Templates { get; private set; } = [];
    internal IReadOnlyList<string> Problems { get; private set; } = [];
    internal string? Done { get; private set; }
    internal Actor Actor => HttpContext.RequestServices.GetRequiredService<IActorAccessor>().Current;

    [BindProperty] public string? Prefix { get; set; }
    [BindProperty] public string? Level { get; set; }
    [BindProperty] public string? Parent { get; set; }
    [BindProperty] public string? OwnerName { get; set; }
    [BindProperty] public string? OwnerUnitId { get; set; }
    [BindProperty] public string? Industry { get; set; }
    [BindProperty] public string? Province { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        var result = await HttpContext.RequestServices.GetRequiredService<RegistryService>().CreatePrefixAsync(
            new PrefixRequest(Prefix?.Trim() ?? "", Level ?? "", Empty(Parent), OwnerName ?? "", Empty(OwnerUnitId), Empty(Industry), Empty(Province)), Actor, ct);
        if (result.Succeeded)
        {
            Done = Prefix;
        }
        else
        {
            Problems = [.. result.Describe()];
            Response.StatusCode = (int)result.Status;
        }
        await LoadAsync(ct);
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task LoadAsync(CancellationToken ct)
    {
        Prefixes = await HttpContext.RequestServices.GetRequiredService<RegistryService>().PrefixesAsync(ct);
        Templates = HttpContext.RequestServices.GetRequiredService<TemplateRegistry>().All;
    }
}

/// <summary>Statistics (统计): registrations by industry and province, resolutions per day, nodes by role.</summary>
public sealed class StatisticsModel : PageModel
{
    internal IdentifierFigures? Figures { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Figures = await HttpContext.RequestServices.GetRequiredService<IdentifierStatistics>().ComputeAsync(ct);

    /// <summary>ECharts options of a bar chart of counts by name, for a <c>data-chart</c> attribute.</summary>
    internal static string BarChart(IEnumerable<(string Name, long Count)> rows) => Format.ScriptJson(new
    {
        tooltip = new { },
        grid = new { left = 60, right = 20, bottom = 80 },
        xAxis = new { type = "category", data = rows.Select(r => r.Name), axisLabel = new { rotate = 30 } },
        yAxis = new { type = "value" },
        series = new[] { new { type = "bar", data = rows.Select(r => r.Count) } },
    });

    /// <summary>ECharts options of the resolutions per day, resolved and not found, for a <c>data-chart</c> attribute.</summary>
    internal static string DaysChart(IReadOnlyList<DayCount> days, string resolved, string notFound) => Format.ScriptJson(new
    {
        tooltip = new { trigger = "axis" },
        legend = new { },
        grid = new { left = 60, right = 20 },
        xAxis = new { type = "category", data = days.Select(d => d.Day) },
        yAxis = new { type = "value" },
        series = new[]
        {
            new { name = resolved, type = "line", data = days.Select(d => d.Resolved) },
            new { name = notFound, type = "line", data = days.Select(d => d.NotFound) },
        },
    });
}
