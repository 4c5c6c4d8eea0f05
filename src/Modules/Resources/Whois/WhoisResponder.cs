using System.Globalization;
using System.Text;
using IctGov.Kernel;
using IctGov.Kernel.Time;
using IctGov.Resources.Features;

namespace IctGov.Resources.Whois;

/// <summary>
/// The answer to one WHOIS query as "Key: Value" lines (CRLF, UTF-8), in the layout registries use: what the
/// record holds, an individual's name redacted, "No match" when nothing is registered, and the time of the answer.
/// </summary>
internal sealed class WhoisResponder(ResourceRegistry registry, Filings filings, ChinaCalendar calendar)
{
    public const string Redacted = "REDACTED FOR PRIVACY (个人信息已屏蔽)";

    public async Task<string> AnswerAsync(WhoisQuery query, CancellationToken ct)
    {
        var text = new StringBuilder();
        switch (query.Kind)
        {
            case WhoisQueryKind.Help:
                Line(text, "% IctGov Internet resource registry WHOIS (RFC 3912). 互联网基础资源登记 WHOIS 服务。");
                Line(text, "% Query a domain name (example.cn, 例子.中国) or an IP address or prefix (203.0.113.1, 2001:db8::/32).");
                break;
            case WhoisQueryKind.Invalid:
                Line(text, $"% Error: {query.Problem}");
                break;
            case WhoisQueryKind.Domain when await registry.FindDomainAsync(query.Domain!, ct) is { } d:
                Field(text, "Domain Name", d.Name);
                if (d.UnicodeName != d.Name)
                {
                    Field(text, "Unicode Name", d.UnicodeName);
                }
                foreach (var s in d.Statuses)
                {
                    Field(text, "Domain Status", s);
                }
                var individual = d.RegistrantHandle is { } h && long.TryParse(h.AsSpan(ResourceRegistry.SubjectPrefix.Length), CultureInfo.InvariantCulture, out var id)
                    && await registry.FindSubjectAsync(id, ct) is { Kind: "individual" };
                Field(text, "Registrant", individual ? Redacted : d.RegistrantName);
                if (!individual && d.RegistrantHandle is not null)
                {
                    Field(text, "Registrant ID", d.RegistrantHandle);
                }
                Field(text, "Sponsoring Registrar", d.Registrar);
                foreach (var ns in d.NameServers)
                {
                    Field(text, "Name Server", ns);
                }
                if (await filings.NumberForDomainAsync(d.Name, ct) is { } number)
                {
                    Field(text, "ICP Filing", number);
                }
                Field(text, "Registration Time", Kernel.Display.Format.Date(d.Created));
                Field(text, "Expiration Time", Kernel.Display.Format.Date(d.Expires));
                break;
            case WhoisQueryKind.Network when await registry.FindPrefixAsync(query.Prefix!.Value, ct) is { } p:
                var block = Domain.IpPrefix.Parse(p.Prefix, out _)!.Value;
                Field(text, "NetRange", $"{block.Start} - {block.End}");
                Field(text, "CIDR", p.Prefix);
                Field(text, "NetType", p.Kind);
                if (p.Parent is not null)
                {
                    Field(text, "Parent", p.Parent);
                }
                Field(text, "Holder", p.Holder);
                if (p.ProviderHandle is not null)
                {
                    Field(text, "Holder ID", p.ProviderHandle);
                }
                if (p.Purpose is not null)
                {
                    Field(text, "Purpose", p.Purpose);
                }
                Field(text, "Region", Regions.TryGet(p.Region, out var r) ? $"{r.NameZh} ({r.NameEn})" : p.Region);
                Field(text, "Country", "CN");
                Field(text, "Allocated", Kernel.Display.Format.Date(p.Allocated));
                break;
            default:
                Line(text, $"No match for \"{query.Text}\".");
                break;
        }
        Line(text, "");
        Line(text, $">>> Last update of WHOIS database: {calendar.Now.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)} <<<");
        return text.ToString();
    }

    // Values are one line each: a value can never inject a line of its own.
    private static void Field(StringBuilder text, string key, string value) =>
        Line(text, $"{key}: {value.Replace('\r', ' ').Replace('\n', ' ')}");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append("\r\n");
}
