namespace IctGov.Kernel.Security;

/// <summary>
/// The platform's authorization policies, by name. The Access module registers them (it knows how an
/// actor is signed in); every module requires them by these names on endpoints
/// (<c>RequireAuthorization(Policies.MinistryOnly)</c>) and pages (<c>[Authorize(Policy = …)]</c>).
/// An endpoint that needs one answers 401 to nobody signed in (API paths; pages redirect to the
/// login page) and 403 to an actor of another role. Finer rules that depend on the thing acted on
/// (this region, this prefix) are the module's, decided from the <see cref="Actor"/>.
/// </summary>
public static class Policies
{
    /// <summary>Anyone signed in: a person or an API token of any role.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>The ministry's administrators only.</summary>
    public const string MinistryOnly = "MinistryOnly";

    /// <summary>A province administration or the ministry (further scoping: <see cref="Actor.CanReview"/>).</summary>
    public const string ProvinceOrMinistry = "ProvinceOrMinistry";

    /// <summary>A reporter: a person or an API token of a reporting unit (further scoping: <see cref="Actor.CanSubmit"/>).</summary>
    public const string Reporter = "Reporter";

    /// <summary>Every policy with the roles it admits, so the Access module registers exactly these.</summary>
    public static IReadOnlyDictionary<string, Role[]> Roles { get; } = new Dictionary<string, Role[]>
    {
        [SignedIn] = [Role.Reporter, Role.ProvinceAdmin, Role.MinistryAdmin],
        [MinistryOnly] = [Role.MinistryAdmin],
        [ProvinceOrMinistry] = [Role.ProvinceAdmin, Role.MinistryAdmin],
        [Reporter] = [Role.Reporter],
    };
}
