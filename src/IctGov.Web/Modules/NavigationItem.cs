namespace IctGov.Web.Modules;

/// <summary>
/// One entry of the platform's menu, declared by the module that owns the page (Orchard Core's
/// INavigationProvider): the layout lists every module's entries by <see cref="Order"/>.
/// </summary>
/// <param name="Zh">The label in Chinese (shown by default).</param>
/// <param name="En">The label in English.</param>
/// <param name="Href">The page's path.</param>
/// <param name="Order">Position in the menu; modules leave gaps of ten so a new entry fits between.</param>
/// <param name="Policy">An authorization policy (<see cref="Kernel.Security.Policies"/>) the viewer must meet to see the entry; null for everyone.</param>
public sealed record NavigationItem(string Zh, string En, string Href, int Order, string? Policy = null);

/// <summary>Every module's menu entries in order, for the layout.</summary>
public sealed class NavigationMenu(IEnumerable<NavigationItem> items)
{
    /// <summary>The entries, ordered.</summary>
    public IReadOnlyList<NavigationItem> Items { get; } = items.OrderBy(i => i.Order).ThenBy(i => i.Href, StringComparer.Ordinal).ToList();
}
