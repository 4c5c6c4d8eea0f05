using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using IctGov.Kernel.Results;

namespace IctGov.Emergency.Cap;

/// <summary>One area of a CAP info block (CAP 1.2 §3.2.4): a description, the provinces as geocodes, polygons.</summary>
internal sealed record CapArea(string AreaDesc, IReadOnlyList<string> Regions, IReadOnlyList<string> Polygons);

/// <summary>One info block in one language (CAP 1.2 §3.2.2).</summary>
internal sealed record CapInfo(string Language, string Category, string Event, string Urgency, string Severity, string Certainty,
    string SenderName, string Headline, string Description, string? Instruction, DateTimeOffset? Expires, IReadOnlyList<CapArea> Areas);

/// <summary>A CAP 1.2 alert as the module builds and reads it (the elements it uses of §3.2.1).</summary>
internal sealed record CapAlert(string Identifier, string Sender, DateTimeOffset Sent, string Status, string MsgType, string Scope,
    string? References, string? Incidents, IReadOnlyList<CapInfo> Infos);

/// <summary>
/// OASIS Common Alerting Protocol 1.2: writing and reading alerts, and validating them against the
/// official schema (Cap/CAP-v1.2.xsd, embedded). Provinces go in <c>geocode</c> with the value name
/// <see cref="GeocodeName"/>, so a receiving system need not match area descriptions.
/// </summary>
internal static class CapXml
{
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>The geocode value name for GB/T 2260 administrative division codes.</summary>
    public const string GeocodeName = "GB/T 2260";

    private static readonly XNamespace Ns = Namespace;

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        using var stream = typeof(CapXml).Assembly.GetManifestResourceStream("CAP-v1.2.xsd")!;
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    });

    /// <summary>CAP's date-time form (§3.3.2): seconds and a numeric offset, never "Z"; Beijing time.</summary>
    public static string Time(DateTimeOffset t) =>
        t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+08:00";

    public static XDocument Build(CapAlert a) => new(new XDeclaration("1.0", "UTF-8", null),
        new XElement(Ns + "alert",
            new XElement(Ns + "identifier", a.Identifier),
            new XElement(Ns + "sender", a.Sender),
            new XElement(Ns + "sent", Time(a.Sent)),
            new XElement(Ns + "status", a.Status),
            new XElement(Ns + "msgType", a.MsgType),
            new XElement(Ns + "scope", a.Scope),
            a.References is null ? null : new XElement(Ns + "references", a.References),
            a.Incidents is null ? null : new XElement(Ns + "incidents", a.Incidents),
            a.Infos.Select(i => new XElement(Ns + "info",
                new XElement(Ns + "language", i.Language),
                new XElement(Ns + "category", i.Category),
                new XElement(Ns + "event", i.Event),
                new XElement(Ns + "urgency", i.Urgency),
                new XElement(Ns + "severity", i.Severity),
                new XElement(Ns + "certainty", i.Certainty),
                i.Expires is { } e ? new XElement(Ns + "expires", Time(e)) : null,
                new XElement(Ns + "senderName", i.SenderName),
                new XElement(Ns + "headline", i.Headline),
                new XElement(Ns + "description", i.Description),
                i.Instruction is null ? null : new XElement(Ns + "instruction", i.Instruction),
                i.Areas.Select(area => new XElement(Ns + "area",
                    new XElement(Ns + "areaDesc", area.AreaDesc),
                    area.Polygons.Select(p => new XElement(Ns + "polygon", p)),
                    area.Regions.Select(r => new XElement(Ns + "geocode", new XElement(Ns + "valueName", GeocodeName), new XElement(Ns + "value", r)))))))));

    /// <summary>The text as sent: UTF-8 XML with its declaration.</summary>
    public static string Write(XDocument doc)
    {
        using var writer = new Utf8StringWriter();
        doc.Save(writer, SaveOptions.None);
        return writer.ToString();
    }

    /// <summary>Schema errors of a CAP text (empty when it is valid CAP 1.2); no DTD, no external entities.</summary>
    public static List<RowError> Validate(string xml)
    {
        var errors = new List<RowError>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ValidationType = ValidationType.Schema, Schemas = Schemas.Value,
            MaxCharactersInDocument = 1_000_000,
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (errors.Count < 50)
            {
                errors.Add(new RowError(e.Exception?.LineNumber ?? 0, "cap", e.Message));
            }
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            // An element the schema does not declare is only a warning to the validator: the root must be CAP's alert.
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "alert" || reader.NamespaceURI != Namespace)
            {
                return [new RowError(0, "cap", $"expected the root element alert in {Namespace}")];
            }
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            errors.Add(new RowError(e.LineNumber, "cap", "not well-formed XML: " + e.Message));
        }
        return errors;
    }

    /// <summary>Reads a valid CAP 1.2 alert (validate first).</summary>
    public static CapAlert Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var root = XDocument.Load(reader).Root!;
        string? Text(XElement e, string name) => e.Element(Ns + name)?.Value.Trim();
        DateTimeOffset? When(XElement e, string name) => Text(e, name) is { } t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : null;
        return new CapAlert(Text(root, "identifier")!, Text(root, "sender")!, When(root, "sent")!.Value, Text(root, "status")!, Text(root, "msgType")!,
            Text(root, "scope")!, Text(root, "references"), Text(root, "incidents"),
            root.Elements(Ns + "info").Select(i => new CapInfo(Text(i, "language") ?? "en-US", Text(i, "category")!, Text(i, "event")!, Text(i, "urgency")!,
                Text(i, "severity")!, Text(i, "certainty")!, Text(i, "senderName") ?? "", Text(i, "headline") ?? Text(i, "event")!, Text(i, "description") ?? "",
                Text(i, "instruction"), When(i, "expires"),
                i.Elements(Ns + "area").Select(a => new CapArea(Text(a, "areaDesc")!,
                    a.Elements(Ns + "geocode").Where(g => Text(g, "valueName") == GeocodeName).Select(g => Text(g, "value")!).ToList(),
                    a.Elements(Ns + "polygon").Select(p => p.Value.Trim()).ToList())).ToList())).ToList());
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(CultureInfo.InvariantCulture) { }

        public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
    }
}
