using IctGov.Access.Contracts;
using IctGov.Access.Features;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.Access.Pages.Account;

/// <summary>API tokens for the reporting units an administrator is responsible for: issue, list, revoke.</summary>
[Authorize(Policy = Policies.ProvinceOrMinistry)]
public sealed class TokensModel(IAccessAdministration admin, IActorAccessor actors) : PageModel
{
    /// <summary>Tokens the actor administers, newest first.</summary>
    public IReadOnlyList<TokenInfo> Tokens { get; private set; } = [];

    /// <summary>Reporting units the actor may issue tokens for.</summary>
    public IReadOnlyList<OrgUnitInfo> Units { get; private set; } = [];

    /// <summary>The token issued by the last POST, shown this once.</summary>
    public IssuedToken? Issued { get; private set; }

    /// <summary>What went wrong with the last POST.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync(string? unitId, string? name, int? days, CancellationToken ct)
    {
        var outcome = await admin.IssueTokenAsync(actors.Current, new NewToken(unitId ?? "", name, days ?? 90), ct);
        Issued = outcome.Value;
        Problems = outcome.Describe().ToList();
        if (!outcome.Succeeded)
        {
            Response.StatusCode = (int)outcome.Status;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken ct)
    {
        var outcome = await admin.RevokeTokenAsync(actors.Current, id, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Describe().ToList();
            // OutcomeStatus values are the HTTP statuses.
            Response.StatusCode = (int)outcome.Status;
            await LoadAsync(ct);
            return Page();
        }
        return RedirectToPage();
    }

    /// <summary>A unit's name in the UI language.</summary>
    public static string UnitName(OrgUnitInfo unit) => Bilingual.T(unit.NameZh, unit.NameEn);

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = actors.Current;
        Tokens = await admin.ListTokensAsync(actor, ct);
        Units = (await admin.ListUnitsAsync(ct))
            .Where(u => u.Kind is OrgUnitKind.Operator or OrgUnitKind.OperatorBranch or OrgUnitKind.Enterprise)
            .Where(u => AccessRules.MayAdministerUnit(actor, u.Kind, u.RegionCode))
            .ToList();
    }
}
