using IctGov.Access.Authentication;
using IctGov.Access.Contracts;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Access.Features;

/// <summary>The current actor, organisation units, accounts and API tokens under /api/v1.</summary>
internal static class AccessApi
{
    public sealed record MeDto(string Id, string Name, string Role, string? RegionCode, string? UnitId, IReadOnlyList<string> Regions, string? Via);
    public sealed record OrgUnitDto(string Id, string Kind, string NameZh, string NameEn, string? RegionCode, string? ParentId, IReadOnlyList<string> Regions);
    public sealed record UserDto(string Id, string UserName, string? DisplayName, string Role, string? RegionCode, string? UnitId, IReadOnlyList<string> Regions);
    public sealed record CreateUserRequest(string? UserName, string? Password, string? Role, string? RegionCode, string? UnitId, string? DisplayName);
    public sealed record IssueTokenRequest(string? UnitId, string? Name, int? Days);
    public sealed record CreateEnterpriseRequest(string? Id, string? NameZh, string? NameEn, string? RegionCode);

    public static RouteGroupBuilder MapAccessApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me).WithName("GetCurrentActor")
            .WithSummary("Who the caller is: role and scope (no credentials: role public; a refused token: 401)");
        api.MapGet("/org-units", ListUnits).WithName("ListOrgUnits")
            .WithSummary("The ministry, provincial administrations, operators with their branches, and enterprises");
        api.MapPost("/org-units", CreateEnterprise).WithName("CreateEnterprise")
            .WithSummary("Register an enterprise as a reporting unit (ministry: any region; province: its own)")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/users", CreateUser).WithName("CreateUser")
            .WithSummary("Create an account (ministry: any; province: reporters of units in its region)")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/tokens", ListTokens).WithName("ListApiTokens")
            .WithSummary("API tokens the caller administers, without their secrets")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/tokens", IssueToken).WithName("IssueApiToken")
            .WithSummary("Issue an API token for a reporting unit; the token is in this answer only")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapDelete("/tokens/{id}", RevokeToken).WithName("RevokeApiToken")
            .WithSummary("Revoke an API token at once")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        return api;
    }

    private static Results<Ok<MeDto>, ChallengeHttpResult> Me(HttpContext http, IActorAccessor actors)
    {
        // Credentials that were presented but refused must not pass silently as "public": the
        // caller would think a revoked or mistyped token still works.
        if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Challenge();
        }
        var a = actors.Current;
        var via = http.User.Identity?.AuthenticationType switch
        {
            null => null,
            ApiTokenHandler.SchemeName => "token",
            _ => "cookie",
        };
        return TypedResults.Ok(new MeDto(a.Id, a.Name, a.Role.WireName(), a.RegionCode, a.UnitId, a.Regions, a.IsSignedIn ? via : null));
    }

    private static async Task<Ok<List<OrgUnitDto>>> ListUnits(IAccessAdministration admin, string? kind, string? region, CancellationToken ct)
    {
        var units = await admin.ListUnitsAsync(ct);
        return TypedResults.Ok(units
            .Where(u => kind is null || u.Kind.WireName() == kind)
            .Where(u => region is null || u.RegionCode == region)
            .Select(ToDto).ToList());
    }

    private static async Task<Results<Created<OrgUnitDto>, ProblemHttpResult>> CreateEnterprise(
        CreateEnterpriseRequest request, IAccessAdministration admin, IActorAccessor actors, CancellationToken ct)
    {
        var outcome = await admin.CreateEnterpriseAsync(actors.Current, new NewEnterprise(request.Id ?? "", request.NameZh ?? "", request.NameEn, request.RegionCode ?? ""), ct);
        return ToResult(outcome, ToDto, u => $"/api/v1/org-units?kind=enterprise&region={u.RegionCode}");
    }

    private static async Task<Results<Created<UserDto>, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, IAccessAdministration admin, IActorAccessor actors, CancellationToken ct)
    {
        if (!AccessNames.TryParseRole(request.Role, out var role))
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, "the request was refused", [new RowError(0, "role", $"'{request.Role}' is not a role: expected ministry, province or reporter")]);
        }
        var outcome = await admin.CreateUserAsync(actors.Current,
            new NewUser(request.UserName ?? "", request.Password ?? "", role, request.RegionCode, request.UnitId, request.DisplayName), ct);
        return ToResult(outcome,
            u => new UserDto(u.Id, u.UserName, u.DisplayName, u.Role.WireName(), u.RegionCode, u.UnitId, u.Regions),
            _ => null);
    }

    private static async Task<Ok<IReadOnlyList<TokenInfo>>> ListTokens(IAccessAdministration admin, IActorAccessor actors, CancellationToken ct) =>
        TypedResults.Ok(await admin.ListTokensAsync(actors.Current, ct));

    private static async Task<Results<Created<IssuedToken>, ProblemHttpResult>> IssueToken(
        IssueTokenRequest request, IAccessAdministration admin, IActorAccessor actors, CancellationToken ct)
    {
        var outcome = await admin.IssueTokenAsync(actors.Current, new NewToken(request.UnitId ?? "", request.Name, request.Days ?? 90), ct);
        return ToResult(outcome, t => t, _ => null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        string id, IAccessAdministration admin, IActorAccessor actors, CancellationToken ct)
    {
        var outcome = await admin.RevokeTokenAsync(actors.Current, id, ct);
        return outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem();
    }

    private static OrgUnitDto ToDto(OrgUnitInfo u) => new(u.Id, u.Kind.WireName(), u.NameZh, u.NameEn, u.RegionCode, u.ParentId, u.Regions);

    /// <summary>201 with the new thing; a Location only where a GET answers it (accounts and tokens have none).</summary>
    private static Results<Created<TDto>, ProblemHttpResult> ToResult<T, TDto>(Outcome<T> outcome, Func<T, TDto> map, Func<T, string?> location) =>
        outcome is { Succeeded: true, Value: { } value }
            ? TypedResults.Created(location(value), map(value))
            : outcome.ToProblem();
}
