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

/// <summary>One module's entries, ordered: the layout shows the first as the group's label and the rest beneath it.</summary>
public sealed record NavigationGroup(IReadOnlyList<NavigationItem> Items);

/// <summary>
/// Every module's menu entries in order, for the layout: one group per module, so that a platform of
/// many modules keeps a one-line menu (a module with several pages opens a list under its name).
/// </summary>
public sealed class NavigationMenu(IEnumerable<IEnumerable<NavigationItem>> modules)
{
    /// <summary>The groups, by their first entry's order; empty modules left out.</summary>
    public IReadOnlyList<NavigationGroup> Groups { get; } = modules
        .Select(m => m.OrderBy(i => i.Order).ThenBy(i => i.Href, StringComparer.Ordinal).ToList())
        .Where(items => items.Count > 0)
        .OrderBy(items => items[0].Order).ThenBy(items => items[0].Href, StringComparer.Ordinal)
        .Select(items => new NavigationGroup(items)).ToList();

    /// <summary>Every entry, ordered.</summary>
    public IReadOnlyList<NavigationItem> Items => Groups.SelectMany(g => g.Items).OrderBy(i => i.Order).ThenBy(i => i.Href, StringComparer.Ordinal).ToList();
}
