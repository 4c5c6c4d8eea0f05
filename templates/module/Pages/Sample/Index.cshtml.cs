using IctGov.Sample.Contracts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.Sample.Pages.Sample;

/// <summary>The public register: a page model gets the module's services injected, never an endpoint class.</summary>
public sealed class IndexModel(ISampleRegister register) : PageModel
{
    public IReadOnlyList<SampleEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await register.ListAsync(ct);
}
