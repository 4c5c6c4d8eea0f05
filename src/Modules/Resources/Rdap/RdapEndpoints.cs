using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using IctGov.Kernel.Time;
using IctGov.Resources.Domain;
using IctGov.Resources.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace IctGov.Resources.Rdap;

/// <summary>
/// RDAP (RFC 7480 over HTTP, queries RFC 9082, responses RFC 9083) under <c>/rdap/</c> on the platform's web
/// port: domain, ip, entity and nameserver lookups, <c>domains?name=</c> search, help, and bootstrap files
/// (RFC 9224) naming this server for the registry's top-level domains and blocks, so a client configured
/// with our bootstrap finds us. Every answer is <c>application/rdap+json</c> with
/// <c>Access-Control-Allow-Origin: *</c> (RFC 7480 §5.6); a malformed query is a 400 error object, an
/// unknown object a 404, a query type the registry does not keep (autnum) a 501.
/// </summary>
internal static class RdapEndpoints
{
    // Chinese names stay readable in the JSON text (still escaped where HTML would need it).
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private static readonly string[] GetAndHead = ["GET", "HEAD"];

    public static void MapRdap(this IEndpointRouteBuilder app)
    {
        var rdap = app.MapGroup("/rdap").ExcludeFromDescription().AllowAnonymous();
        rdap.MapMethods("/domain/{name}", GetAndHead, Domain);
        rdap.MapMethods("/domains", GetAndHead, DomainSearch);
        rdap.MapMethods("/ip/{address}", GetAndHead, (string address, HttpContext c, ResourceRegistry r, ChinaCalendar cal, IOptions<WhoisOptions> w, CancellationToken ct) =>
            Ip(address, c, r, cal, w, ct));
        rdap.MapMethods("/ip/{address}/{length}", GetAndHead, (string address, string length, HttpContext c, ResourceRegistry r, ChinaCalendar cal, IOptions<WhoisOptions> w, CancellationToken ct) =>
            Ip(address + "/" + length, c, r, cal, w, ct));
        rdap.MapMethods("/entity/{handle}", GetAndHead, Entity);
        rdap.MapMethods("/nameserver/{name}", GetAndHead, NameServer);
        rdap.MapMethods("/help", GetAndHead, (HttpContext c, ChinaCalendar cal, IOptions<WhoisOptions> w) => Answer(c, Documents(c, cal, w).Help()));
        rdap.MapMethods("/autnum/{number}", GetAndHead, (HttpContext c) =>
            Error(c, 501, "Not Implemented", "This registry does not keep autonomous system numbers. 本登记系统不含自治系统号。"));
        rdap.MapMethods("/bootstrap/{file}", GetAndHead, Bootstrap);
        // Anything else under /rdap is a query this server does not understand.
        rdap.MapMethods("/{**rest}", GetAndHead, (HttpContext c) => Error(c, 400, "Bad Request", "Unknown RDAP query path; see /rdap/help. 未知的查询路径。"));
    }

    private static async Task<IResult> Domain(string name, HttpContext c, ResourceRegistry r, Filings filings, ChinaCalendar cal, IOptions<WhoisOptions> w, CancellationToken ct)
    {
        if (DomainName.Parse(name, out var problem, minLabels: 1) is not { } parsed)
        {
            return Error(c, 400, "Bad Request", $"'{Trim(name)}' is not a domain name: {problem}");
        }
        if (await r.FindDomainAsync(parsed, ct) is not { } d)
        {
            return Error(c, 404, "Not Found", $"{parsed.Ascii} is not registered here. 未找到该域名。");
        }
        var registrant = d.RegistrantHandle is { } h && long.TryParse(h.AsSpan(ResourceRegistry.SubjectPrefix.Length), CultureInfo.InvariantCulture, out var id)
            ? await r.FindSubjectAsync(id, ct) : null;
        return Answer(c, Documents(c, cal, w).Domain(d, registrant, await filings.NumberForDomainAsync(d.Name, ct), Self(c)));
    }

    private static async Task<IResult> DomainSearch(HttpContext c, ResourceRegistry r, ChinaCalendar cal, IOptions<WhoisOptions> w, CancellationToken ct)
    {
        var query = c.Request.Query;
        if (query.Count != 1 || !query.TryGetValue("name", out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return Error(c, 400, "Bad Request", "expected one parameter: name=<pattern> (e.g. exam*.cn). 需要 name 参数。");
        }
        if (await r.SearchDomainsAsync(values[0]!, ct) is not { } found)
        {
            return Error(c, 400, "Bad Request", "a pattern is a domain name with at most one '*' ending a label, and at least two characters before it (RFC 9082 §4.1)");
        }
        if (found.Count == 0)
        {
            return Error(c, 404, "Not Found", "No domain matches. 没有匹配的域名。");
        }
        var truncated = found.Count > ResourceRegistry.SearchLimit;
        return Answer(c, Documents(c, cal, w).DomainSearch(truncated ? found.Take(ResourceRegistry.SearchLimit).ToList() : found, truncated));
    }

    private static async Task<IResult> Ip(string text, HttpContext c, ResourceRegistry r, ChinaCalendar cal, IOptions<WhoisOptions> w, CancellationToken ct)
    {
        if (IpPrefix.Parse(text, out var problem) is not { } prefix)
        {
            return Error(c, 400, "Bad Request", $"'{Trim(text)}': {problem}");
        }
        if (await r.FindPrefixAsync(prefix, ct) is not { } p)
        {
            return Error(c, 404, "Not Found", $"No registered block contains {prefix}. 未找到包含该地址的地址段。");
        }
        return Answer(c, Documents(c, cal, w).Network(p, IpPrefix.Parse(p.Prefix, out _)!.Value, Self(c)));
    }

    private static async Task<IResult> Entity(string handle, HttpContext c, ResourceRegistry r, ChinaCalendar cal, IOptions<WhoisOptions> w, CancellationToken ct)
    {
        var docs = Documents(c, cal, w);
        var upper = handle.Trim().ToUpperInvariant();
        if (Number(upper, ResourceRegistry.SubjectPrefix) is { } sid)
        {
            return await r.FindSubjectAsync(sid, ct) is { } s ? Answer(c, docs.Entity(s, Self(c))) : NotFound(c, upper);
        }
        if (Number(upper, ResourceRegistry.ProviderPrefix) is { } pid)
        {
            return await r.FindProviderAsync(pid, ct) is { } p ? Answer(c, docs.Entity(p, Self(c))) : NotFound(c, upper);
        }
        return Error(c, 400, "Bad Request", $"an entity handle is {ResourceRegistry.SubjectPrefix}<n> or {ResourceRegistry.ProviderPrefix}<n>");
    }

    private static async Task<IResult> NameServer(string name, HttpContext c, ResourceRegistry r, ChinaCalendar cal, IOptions<WhoisOptions> w, CancellationToken ct)
    {
        if (DomainName.Parse(name, out var problem) is not { } host)
        {
            return Error(c, 400, "Bad Request", $"'{Trim(name)}' is not a host name: {problem}");
        }
        return await r.DomainsOfNameServerAsync(host, ct) is null
            ? NotFound(c, host.Ascii)
            : Answer(c, Documents(c, cal, w).NameServer(host.Ascii, host.Unicode, Self(c)));
    }

    /// <summary>RFC 9224 bootstrap files: the registry's top-level domains and registry blocks, each pointing at this server.</summary>
    private static async Task<IResult> Bootstrap(string file, HttpContext c, ResourceRegistry r, ChinaCalendar cal, CancellationToken ct)
    {
        IReadOnlyList<string> entries = file switch
        {
            "dns.json" => await r.TopLevelDomainsAsync(ct),
            "ipv4.json" => await r.RegistryBlocksAsync(4, ct),
            "ipv6.json" => await r.RegistryBlocksAsync(6, ct),
            _ => [],
        };
        if (file is not ("dns.json" or "ipv4.json" or "ipv6.json"))
        {
            return Error(c, 404, "Not Found", "bootstrap files: dns.json, ipv4.json, ipv6.json");
        }
        var doc = new JsonObject
        {
            ["version"] = "1.0",
            ["publication"] = cal.Now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["description"] = "RDAP bootstrap of the IctGov Internet resource registry",
            ["services"] = entries.Count == 0 ? new JsonArray() : new JsonArray(new JsonArray(
                new JsonArray([.. entries.Select(e => (JsonNode)e)]),
                new JsonArray(BaseUrl(c)))),
        };
        Cors(c);
        // A bootstrap file is plain JSON (RFC 9224 §10: application/json).
        return Results.Text(doc.ToJsonString(Json), "application/json", System.Text.Encoding.UTF8);
    }

    private static long? Number(string handle, string prefix) =>
        handle.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(handle.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static IResult NotFound(HttpContext c, string what) => Error(c, 404, "Not Found", $"{what} is not registered here. 未找到。");

    private static RdapDocuments Documents(HttpContext c, ChinaCalendar cal, IOptions<WhoisOptions> whois) =>
        new(cal, BaseUrl(c), whois.Value.Port >= 0 ? whois.Value.HostName : null);

    private static string BaseUrl(HttpContext c) => $"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}/rdap/";

    private static string Self(HttpContext c) => $"{c.Request.Scheme}://{c.Request.Host}{c.Request.PathBase}{c.Request.Path}{c.Request.QueryString}";

    private static string Trim(string s) => s.Length > 80 ? s[..80] + "…" : s;

    private static void Cors(HttpContext c) => c.Response.Headers.AccessControlAllowOrigin = "*";

    private static IResult Answer(HttpContext c, JsonObject body) => Send(c, body, 200);

    private static IResult Error(HttpContext c, int status, string title, string description) => Send(c, RdapDocuments.Error(status, title, description), status);

    private static IResult Send(HttpContext c, JsonObject body, int status)
    {
        Cors(c);
        return Results.Text(body.ToJsonString(Json), RdapDocuments.MediaType, System.Text.Encoding.UTF8, status);
    }
}
