namespace IctGov.Kernel.Security;

/// <summary>
/// What a person or machine may do on the platform (部省两级: ministry and 31 provinces; operators
/// and enterprises report). Ordered from least to most authority.
/// </summary>
public enum Role
{
    /// <summary>Reads published figures only.</summary>
    Public = 0,
    /// <summary>Submits data for one reporting unit in the regions it covers (a user or an operator's system via API token).</summary>
    Reporter = 1,
    /// <summary>A provincial communications administration (通信管理局): reviews and approves its own region only.</summary>
    ProvinceAdmin = 2,
    /// <summary>The ministry: accepts, publishes, administers.</summary>
    MinistryAdmin = 3,
}

/// <summary>Roles by name, for pages (the enum's names are for code and the audit log).</summary>
public static class RoleNames
{
    /// <summary>The role as the page's language names it.</summary>
    public static string Label(this Role role) => role switch
    {
        Role.Reporter => Bilingual.T("报送单位", "Reporting unit"),
        Role.ProvinceAdmin => Bilingual.T("省通信管理局", "Provincial administration"),
        Role.MinistryAdmin => Bilingual.T("工业和信息化部", "Ministry"),
        _ => Bilingual.T("公众", "Public"),
    };
}

/// <summary>
/// Who is acting: resolved once per request (web login or API token) or per command (the CLI acts
/// as the local system). Modules decide permissions from this record, never from raw claims.
/// </summary>
/// <param name="Id">Stable identifier of the user or token, recorded in the audit log.</param>
/// <param name="Name">Display name for the audit log and the UI.</param>
/// <param name="Role">What the actor may do.</param>
/// <param name="RegionCode">For a province administrator, the one GB/T 2260 region they administer.</param>
/// <param name="UnitId">For a reporter, the reporting unit they submit for.</param>
/// <param name="Regions">For a reporter, the regions the unit covers (its branches); empty otherwise.</param>
public sealed record Actor(string Id, string Name, Role Role, string? RegionCode, string? UnitId, IReadOnlyList<string> Regions)
{
    /// <summary>An unauthenticated member of the public.</summary>
    public static readonly Actor Anonymous = new("anonymous", "public", Role.Public, null, null, []);

    /// <summary>The local system (command line, start-up seeding): ministry authority.</summary>
    public static Actor System(string name) => new("system:" + name, name, Role.MinistryAdmin, null, null, []);

    /// <summary>True for anyone but the anonymous public: a signed-in person, an API token or the local system.</summary>
    public bool IsSignedIn => Role != Role.Public;

    /// <summary>
    /// How to refuse this actor something: <see cref="Results.OutcomeStatus.Unauthenticated"/> (401:
    /// sign in or send a token) for the public, <see cref="Results.OutcomeStatus.Forbidden"/> (403) for
    /// anyone signed in, whose signing in again would not help.
    /// </summary>
    public Results.OutcomeStatus Refusal => IsSignedIn ? Results.OutcomeStatus.Forbidden : Results.OutcomeStatus.Unauthenticated;

    /// <summary>May read figures of <paramref name="region"/> that are not yet published.</summary>
    public bool CanReadUnpublished(string region) => Role switch
    {
        Role.MinistryAdmin => true,
        Role.ProvinceAdmin => RegionCode == region,
        Role.Reporter => Regions.Contains(region),
        _ => false,
    };

    /// <summary>
    /// May submit data for <paramref name="unitId"/> in <paramref name="region"/>: a reporter for its
    /// unit in the regions it covers; a province administration its own compiled provincial total;
    /// the ministry the national total. (Totals are what reconciliation checks the parts against.)
    /// </summary>
    public bool CanSubmit(string unitId, string region) => UnitId == unitId && Role switch
    {
        Role.Reporter => Regions.Contains(region),
        Role.ProvinceAdmin => RegionCode == region,
        Role.MinistryAdmin => region == Region.NationalCode,
        _ => false,
    };

    /// <summary>May review (approve or return) submissions for <paramref name="region"/>.</summary>
    public bool CanReview(string region) => Role == Role.ProvinceAdmin && RegionCode == region;
}

/// <summary>Gives the actor of the current request or command.</summary>
public interface IActorAccessor
{
    /// <summary>The current actor; <see cref="Actor.Anonymous"/> when nobody is signed in.</summary>
    Actor Current { get; }
}
