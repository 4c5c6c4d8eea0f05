using IctGov.Security.Data;
using IctGov.Security.Features;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Security;

/// <summary>
/// The Security module, the industry network-security "smart brain" (专栏20 网络安全"智慧大脑", and
/// 专栏18.2's national/provincial/enterprise security monitoring): the base resource library of
/// network assets and vulnerabilities with CVSS v3.1 and v4.0 scores computed by the platform as the
/// FIRST specifications compute them, and the threat-intelligence store of STIX 2.1 objects shared
/// through a TAXII 2.1 server at /taxii2/.
/// </summary>
public sealed class SecurityModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Security";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<SecurityDbContext, SqliteSecurityDbContext, PostgresSecurityDbContext>();
        services.Services.AddScoped<ResourceLibrary>();
        services.Services.AddScoped<ThreatIntelligence>();
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/security").MapCvssApi().MapResourceLibraryApi().MapStixApi();

    /// <inheritdoc/>
    public override void MapProtocolEndpoints(IEndpointRouteBuilder app) => app.MapTaxii();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("网络安全资源库", "Security resource library", "/security", 130),
        new("漏洞评分（CVSS）", "Vulnerability scoring (CVSS)", "/security/cvss", 131),
    ];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Supervision;
}
