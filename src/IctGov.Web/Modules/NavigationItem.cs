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
/// A place in the menu bar that lists several modules (each module's first entry as a heading, its other pages beneath),
/// so that the bar stays one line however many systems of the plan the platform grows: the plan's own grouping of
/// network and resource management (专栏9, 13, 21; 2, 3) and of market supervision and user services (专栏14–16).
/// </summary>
/// <param name="Zh">The label in Chinese.</param>
/// <param name="En">The label in English.</param>
/// <param name="Order">Position in the bar among the modules' own groups (which sit at their first entry's order).</param>
public sealed record MenuSection(string Zh, string En, int Order)
{
    /// <summary>Networks and their resources: identifiers, network quality, Internet resources, numbers.</summary>
    public static readonly MenuSection Networks = new("网络与资源", "Networks", 200);

    /// <summary>Market supervision and services to users: licences and credit, complaints, emergency communications.</summary>
    public static readonly MenuSection Supervision = new("监管与服务", "Supervision", 300);
}

/// <summary>One place in the menu bar: a module's own group, or a section holding several modules' groups.</summary>
/// <param name="Section">The section, or null for a module's own group (then <see cref="Groups"/> holds that one group).</param>
/// <param name="Groups">The modules' groups listed there, in order.</param>
public sealed record MenuPlace(MenuSection? Section, IReadOnlyList<NavigationGroup> Groups);

/// <summary>
/// Every module's menu entries in order, for the layout: one group per module (a module with several pages opens a
/// list under its name), and modules that declare a <see cref="MenuSection"/> gathered under it.
/// </summary>
public sealed class NavigationMenu
{
    public NavigationMenu(IEnumerable<(MenuSection? Section, IEnumerable<NavigationItem> Items)> modules)
    {
        var groups = modules
            .Select(m => (m.Section, Items: m.Items.OrderBy(i => i.Order).ThenBy(i => i.Href, StringComparer.Ordinal).ToList()))
            .Where(m => m.Items.Count > 0)
            .OrderBy(m => m.Items[0].Order).ThenBy(m => m.Items[0].Href, StringComparer.Ordinal)
            .ToList();
        Groups = groups.Select(m => new NavigationGroup(m.Items)).ToList();
        Places = groups
            .GroupBy(m => m.Section is null ? (object)m.Items[0] : m.Section)
            .Select(g => (Order: g.First().Section?.Order ?? g.First().Items[0].Order,
                Place: new MenuPlace(g.First().Section, g.Select(m => new NavigationGroup(m.Items)).ToList())))
            .OrderBy(p => p.Order)
            .Select(p => p.Place)
            .ToList();
    }

    /// <summary>The modules' groups, by their first entry's order; empty modules left out.</summary>
    public IReadOnlyList<NavigationGroup> Groups { get; }

    /// <summary>The places of the menu bar, in order.</summary>
    public IReadOnlyList<MenuPlace> Places { get; }

    /// <summary>Every entry, ordered.</summary>
    public IReadOnlyList<NavigationItem> Items => Groups.SelectMany(g => g.Items).OrderBy(i => i.Order).ThenBy(i => i.Href, StringComparer.Ordinal).ToList();
}
