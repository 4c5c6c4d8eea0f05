using System.Globalization;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Time;
using IctGov.Resources.Contracts;
using IctGov.Resources.Domain;

namespace IctGov.Resources.Rdap;

/// <summary>
/// The RDAP JSON responses (RFC 9083) of the registry's objects: domain, IP network, entity (with a
/// jCard, RFC 7095), nameserver, search results, help and errors. Personal data are redacted as RFC 9537
/// describes: an individual registrant's name is emptied and its handle removed, each marked in
/// <c>redacted</c>; an organisation's name and credit code are public (they are on its business licence).
/// </summary>
internal sealed class RdapDocuments(ChinaCalendar calendar, string baseUrl, string? port43)
{
    public const string MediaType = "application/rdap+json";

    /// <summary>The specification levels and extensions the answers use (RFC 9083 §4.1).</summary>
    private static readonly string[] Conformance = ["rdap_level_0", "cidr0", "redacted"];

    private static readonly string[] ErrorConformance = ["rdap_level_0"];

    /// <summary>The notice every answer carries: terms of use, in both languages.</summary>
    private JsonObject Terms() => new()
    {
        ["title"] = "Terms of Use / 使用条款",
        ["description"] = new JsonArray(
            "本服务提供互联网基础资源登记信息，仅供合法查询使用；个人信息已按规定屏蔽。",
            "Registration data of Internet basic resources, for lawful lookups only; personal data are redacted."),
        ["links"] = new JsonArray(Link(baseUrl + "help", "terms-of-service", baseUrl + "help")),
    };

    private static JsonObject Link(string href, string rel, string value) => new()
    {
        ["value"] = value,
        ["rel"] = rel,
        ["href"] = href,
        ["type"] = MediaType,
    };

    /// <summary>A top-level answer: conformance first, the object's members, then the notices.</summary>
    private JsonObject Top(JsonObject body)
    {
        var top = new JsonObject { ["rdapConformance"] = new JsonArray([.. Conformance.Select(c => (JsonNode)c)]) };
        foreach (var key in body.Select(p => p.Key).ToList())
        {
            var value = body[key];
            body.Remove(key);
            top[key] = value;
        }
        top["notices"] = new JsonArray(Terms());
        return top;
    }

    public JsonObject Domain(DomainView d, SubjectView? registrant, string? filingNumber, string self)
    {
        var o = DomainObject(d, registrant, self, out var redacted);
        if (filingNumber is not null)
        {
            // The ICP filing the domain is served under, as a remark (RFC 9083 §4.3): no extension needed to read it.
            o["remarks"] = new JsonArray(new JsonObject { ["title"] = "ICP Filing / ICP备案", ["description"] = new JsonArray(filingNumber) });
        }
        var top = Top(o);
        if (redacted.Count > 0)
        {
            top["redacted"] = redacted;
        }
        return top;
    }

    private JsonObject DomainObject(DomainView d, SubjectView? registrant, string self, out JsonArray redacted)
    {
        redacted = [];
        var o = new JsonObject
        {
            ["objectClassName"] = "domain",
            ["ldhName"] = d.Name,
        };
        if (d.UnicodeName != d.Name)
        {
            o["unicodeName"] = d.UnicodeName;
        }
        o["status"] = new JsonArray([.. d.Statuses.Select(s => (JsonNode)EppStatus.ToRdap[s])]);
        o["links"] = new JsonArray(Link(baseUrl + "domain/" + d.Name, "self", self));
        o["events"] = new JsonArray(
            Event("registration", d.Created),
            Event("expiration", d.Expires),
            new JsonObject { ["eventAction"] = "last update of RDAP database", ["eventDate"] = Instant(calendar.Now) });
        o["nameservers"] = new JsonArray([.. d.NameServers.Select(n => (JsonNode)NameServerObject(n))]);
        var entities = new JsonArray();
        var registrantEntity = registrant is not null
            ? EntityObject(registrant, "registrant", redacted, "$.entities[?(@.roles[0]=='registrant')]")
            : new JsonObject
            {
                ["objectClassName"] = "entity",
                ["roles"] = new JsonArray("registrant"),
                ["vcardArray"] = Card(d.RegistrantName, "org", null),
            };
        entities.Add(registrantEntity);
        entities.Add(new JsonObject
        {
            ["objectClassName"] = "entity",
            ["roles"] = new JsonArray("registrar"),
            ["vcardArray"] = Card(d.Registrar, "org", null),
        });
        o["entities"] = entities;
        if (port43 is not null)
        {
            o["port43"] = port43;
        }
        return o;
    }

    public JsonObject DomainSearch(IReadOnlyList<DomainView> found, bool truncated)
    {
        var results = new JsonArray();
        foreach (var d in found)
        {
            // Search results leave the registrant out: a lookup of the one domain shows it, with its redactions.
            var o = DomainObject(d, null, baseUrl + "domain/" + d.Name, out _);
            o["entities"] = new JsonArray(o["entities"]!.AsArray().Where(e => e!["roles"]![0]!.GetValue<string>() == "registrar").Select(e => e!.DeepClone()).ToArray());
            results.Add(o);
        }
        var top = Top(new JsonObject { ["domainSearchResults"] = results });
        if (truncated)
        {
            top["notices"]!.AsArray().Add(new JsonObject
            {
                ["title"] = "Search Policy",
                ["type"] = "result set truncated due to excessive load",
                ["description"] = new JsonArray($"Only the first {found.Count} matches are listed; narrow the pattern. 仅列出前 {found.Count} 条结果。"),
            });
        }
        return top;
    }

    public JsonObject Network(PrefixView p, IpPrefix prefix, string self) => Top(new JsonObject
    {
        ["objectClassName"] = "ip network",
        ["handle"] = p.Prefix,
        ["startAddress"] = prefix.Start.ToString(),
        ["endAddress"] = prefix.End.ToString(),
        ["ipVersion"] = p.Version == 4 ? "v4" : "v6",
        ["name"] = p.Holder,
        ["type"] = p.Kind switch { "registry" => "ALLOCATED PORTABLE", "allocation" => "ALLOCATED", _ => "ASSIGNED" },
        ["country"] = "CN",
        ["parentHandle"] = p.Parent,
        ["status"] = new JsonArray("active"),
        ["cidr0_cidrs"] = new JsonArray(new JsonObject
        {
            [p.Version == 4 ? "v4prefix" : "v6prefix"] = prefix.Start.ToString(),
            ["length"] = prefix.Length,
        }),
        ["remarks"] = p.Purpose is null ? null : new JsonArray(new JsonObject { ["title"] = "Purpose / 用途", ["description"] = new JsonArray(p.Purpose) }),
        ["events"] = new JsonArray(Event("registration", p.Allocated)),
        ["entities"] = new JsonArray(new JsonObject
        {
            ["objectClassName"] = "entity",
            ["handle"] = p.ProviderHandle,
            ["roles"] = new JsonArray("registrant"),
            ["vcardArray"] = Card(p.Holder, "org", p.Region),
        }),
        ["links"] = new JsonArray(Link(baseUrl + "ip/" + p.Prefix, "self", self)),
        ["port43"] = port43,
    }.WithoutNulls());

    public JsonObject Entity(SubjectView s, string self)
    {
        var redacted = new JsonArray();
        var o = EntityObject(s, null, redacted, "$");
        o["links"] = new JsonArray(Link(baseUrl + "entity/" + s.Handle, "self", self));
        var top = Top(o);
        if (redacted.Count > 0)
        {
            top["redacted"] = redacted;
        }
        return top;
    }

    public JsonObject Entity(ProviderView p, string self) => Top(new JsonObject
    {
        ["objectClassName"] = "entity",
        ["handle"] = p.Handle,
        ["vcardArray"] = Card(p.Name, "org", p.Region),
        ["publicIds"] = PublicIds(p.CreditCode, p.LicenceNumber),
        ["links"] = new JsonArray(Link(baseUrl + "entity/" + p.Handle, "self", self)),
        ["port43"] = port43,
    }.WithoutNulls());

    public JsonObject NameServer(string host, string unicodeHost, string self)
    {
        var o = NameServerObject(host);
        if (unicodeHost != host)
        {
            o["unicodeName"] = unicodeHost;
        }
        o["links"] = new JsonArray(Link(baseUrl + "nameserver/" + host, "self", self));
        return Top(o);
    }

    /// <summary>The help answer (RFC 9082 §3.1.6): the terms and what this server answers.</summary>
    public JsonObject Help()
    {
        var top = Top([]);
        top["notices"]!.AsArray().Add(new JsonObject
        {
            ["title"] = "Queries / 支持的查询",
            ["description"] = new JsonArray("domain/<name>", "domains?name=<pattern>", "ip/<address>[/<length>]", "entity/<handle>", "nameserver/<name>",
                "bootstrap/dns.json, bootstrap/ipv4.json, bootstrap/ipv6.json (RFC 9224)"),
        });
        return top;
    }

    /// <summary>An RDAP error object (RFC 9083 §6).</summary>
    public static JsonObject Error(int code, string title, string description) => new()
    {
        ["rdapConformance"] = new JsonArray([.. ErrorConformance.Select(c => (JsonNode)c)]),
        ["errorCode"] = code,
        ["title"] = title,
        ["description"] = new JsonArray(description),
    };

    private static JsonObject EntityObject(SubjectView s, string? role, JsonArray redacted, string path)
    {
        var individual = s.Kind == "individual";
        var o = new JsonObject { ["objectClassName"] = "entity" };
        if (!individual)
        {
            o["handle"] = s.Handle;
        }
        else
        {
            redacted.Add(Redaction("Registry Registrant ID", path + ".handle", "removal", true));
        }
        if (role is not null)
        {
            o["roles"] = new JsonArray(role);
        }
        o["vcardArray"] = Card(individual ? "" : s.Name, individual ? "individual" : "org", s.Region);
        if (individual)
        {
            redacted.Add(Redaction("Registrant Name", path + ".vcardArray[1][?(@[0]=='fn')][3]", "emptyValue", false));
        }
        else
        {
            o["publicIds"] = PublicIds(s.CreditCode, null);
        }
        o["events"] = new JsonArray(Event("registration", s.Registered));
        return o;
    }

    private static JsonObject Redaction(string name, string path, string method, bool pre) => new()
    {
        ["name"] = new JsonObject { ["type"] = name },
        [pre ? "prePath" : "postPath"] = path,
        ["pathLang"] = "jsonpath",
        ["method"] = method,
        ["reason"] = new JsonObject { ["description"] = "Personal information protection (个人信息保护法)" },
    };

    private static JsonArray? PublicIds(string? creditCode, string? licence)
    {
        var ids = new JsonArray();
        if (creditCode is not null)
        {
            ids.Add(new JsonObject { ["type"] = "Unified Social Credit Code (统一社会信用代码)", ["identifier"] = creditCode });
        }
        if (licence is not null)
        {
            ids.Add(new JsonObject { ["type"] = "Telecom Service Licence (电信业务经营许可证)", ["identifier"] = licence });
        }
        return ids.Count == 0 ? null : ids;
    }

    /// <summary>A jCard (RFC 7095) with the name, its kind and the province.</summary>
    private static JsonArray Card(string name, string kind, string? region)
    {
        var props = new JsonArray(
            new JsonArray("version", new JsonObject(), "text", "4.0"),
            new JsonArray("fn", new JsonObject(), "text", name),
            new JsonArray("kind", new JsonObject(), "text", kind));
        if (region is not null && Regions.TryGet(region, out var r) && !r.IsNational)
        {
            props.Add(new JsonArray("adr", new JsonObject { ["cc"] = "CN" }, "text", new JsonArray("", "", "", "", r.NameZh, "", "")));
        }
        return new JsonArray("vcard", props);
    }

    private static JsonObject NameServerObject(string host)
    {
        var name = DomainName.Parse(host, out _);
        var o = new JsonObject { ["objectClassName"] = "nameserver", ["ldhName"] = host };
        if (name is not null && name.IsIdn)
        {
            o["unicodeName"] = name.Unicode;
        }
        return o;
    }

    private static JsonObject Event(string action, DateOnly date) => new()
    {
        ["eventAction"] = action,
        ["eventDate"] = Instant(ChinaCalendar.StartOfDay(date)),
    };

    // RFC 3339 with the China Standard Time offset the dates are kept in.
    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

internal static class JsonObjectExtensions
{
    /// <summary>The object without members whose value is null (RDAP leaves absent members out).</summary>
    public static JsonObject WithoutNulls(this JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            o.Remove(key);
        }
        return o;
    }
}
