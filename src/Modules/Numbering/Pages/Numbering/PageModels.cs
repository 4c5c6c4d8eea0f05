using IctGov.Kernel.Security;
using IctGov.Numbering.Contracts;
using IctGov.Numbering.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Numbering.Pages.Numbering;

// The module's services are internal; the public page models resolve them per request.

/// <summary>The public register: utilisation by operator and kind, and every resource in force.</summary>
public sealed class IndexModel : PageModel
{
    public IReadOnlyList<Utilisation> Utilisation { get; private set; } = [];
    public IReadOnlyList<NumberAllocation> Allocations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var registry = HttpContext.RequestServices.GetRequiredService<Registry>();
        Utilisation = await registry.UtilisationAsync(ct);
        Allocations = await registry.AllocationsAsync(null, ct);
    }
}

/// <summary>Applications the signed-in caller may see: an operator its own, a province its region, the ministry all.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ApplicationsModel(IActorAccessor actors) : PageModel
{
    public IReadOnlyList<NumberingApplication> Applications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Applications = await HttpContext.RequestServices.GetRequiredService<Registry>().ApplicationsAsync(actors.Current, ct);
}

/// <summary>Ports the signed-in operator is party to (the ministry all).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PortsModel(IActorAccessor actors) : PageModel
{
    public IReadOnlyList<NumberPort> Ports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Ports = await HttpContext.RequestServices.GetRequiredService<Porting>().PortsAsync(actors.Current, ct);
}
