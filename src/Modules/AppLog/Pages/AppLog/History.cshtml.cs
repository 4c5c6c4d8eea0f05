using IctGov.AppLog.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.AppLog.Pages.AppLog;

/// <summary>An app version's traceable history with each statement's inclusion verified (public, as the log is).</summary>
public sealed class HistoryModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Package { get; set; }
    [BindProperty(SupportsGet = true)] public string? Version { get; set; }

    internal HistoryView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Package))
        {
            View = await HttpContext.RequestServices.GetRequiredService<History>().ForAsync(Package.Trim(), Version?.Trim(), ct);
        }
    }

    public static (string Zh, string En) TypeLabel(string type) => type switch
    {
        "developer-signature" => ("开发者签名", "Developer signature"),
        "countersignature" => ("平台副署（APP签名服务）", "Platform countersignature"),
        "test-result" => ("检测结果", "Test result"),
        "store-listing" => ("应用商店上架", "Store listing"),
        "takedown" => ("下架", "Takedown"),
        _ => ("撤销", "Revocation"),
    };

    public static (string Zh, string En) KindLabel(string? kind) => kind switch
    {
        Parties.Developer => ("开发者", "Developer"),
        Parties.TestingBody => ("检测机构", "Testing body"),
        Parties.Distributor => ("分发者", "Distributor"),
        "platform" => ("平台", "Platform"),
        _ => ("未登记", "Not registered"),
    };
}
