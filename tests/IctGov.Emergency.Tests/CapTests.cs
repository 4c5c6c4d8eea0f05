using System.Diagnostics;
using IctGov.Emergency.Cap;
using IctGov.Emergency.Contracts;
using IctGov.Emergency.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using static IctGov.Emergency.Tests.IncidentTests;

namespace IctGov.Emergency.Tests;

/// <summary>Warnings as OASIS CAP 1.2: built, validated against the official schema here and by xmllint, imported, acknowledged.</summary>
public class CapTests
{
    internal static WarningRequest Warning(long? incidentId, params string[] areas) => new(incidentId, "台风", "台风红色预警", "Typhoon red warning",
        "台风“海燕”将于今晚登陆，请做好防范。", "Typhoon Haiyan makes landfall tonight.", "减少外出", "Stay indoors", [.. areas],
        ["21.5,110.0 22.5,110.0 22.5,111.5 21.5,111.5 21.5,110.0"], 1, null, null, null, Opened.AddDays(2));

    /// <summary>Debian's xmllint (libxml2-utils), a validator independent of .NET's, against the schema kept in the module.</summary>
    internal static (int Code, string Output) XmlLint(string xml)
    {
        var dir = Directory.CreateTempSubdirectory("cap");
        try
        {
            var file = Path.Combine(dir.FullName, "alert.xml");
            File.WriteAllText(file, xml);
            var schema = Path.Combine(AppContext.BaseDirectory, "CAP-v1.2.xsd");
            using var p = Process.Start(new ProcessStartInfo("xmllint", ["--noout", "--nonet", "--schema", schema, file]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var output = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void BuiltAlert_ValidatesHere_AndWithXmllint_AndReadsBack()
    {
        var alert = new CapAlert("cn.gov.miit.emergency.1", WarningService.Sender, Opened, "Actual", "Alert", "Public", null, "TY-2026-07",
            [new CapInfo("zh-CN", "Infra", "台风", "Immediate", "Extreme", "Likely", "工业和信息化部", "台风红色预警", "将登陆 <请注意> & 防范", null, Opened.AddDays(1),
                [new CapArea("广东、广西", ["440000", "450000"], ["21.5,110.0 22.5,110.0 22.5,111.5 21.5,111.5 21.5,110.0"])])]);
        var xml = CapXml.Write(CapXml.Build(alert));
        Assert.Contains("<sent>2026-08-01T08:00:00+08:00</sent>", xml, StringComparison.Ordinal);
        Assert.Empty(CapXml.Validate(xml));
        var (code, output) = XmlLint(xml);
        Assert.True(code == 0, output);
        Assert.Contains("validates", output, StringComparison.Ordinal);
        var back = CapXml.Parse(xml);
        Assert.Equal(["440000", "450000"], back.Infos[0].Areas[0].Regions);
        Assert.Equal(Opened, back.Sent);
        Assert.Equal("将登陆 <请注意> & 防范", back.Infos[0].Description);

        // A message out of the schema's order or with a bad code is refused by both validators.
        var wrong = xml.Replace("<status>Actual</status>", "<status>Real</status>", StringComparison.Ordinal);
        Assert.NotEmpty(CapXml.Validate(wrong));
        Assert.NotEqual(0, XmlLint(wrong).Code);
        Assert.Contains(CapXml.Validate("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>"), e => e.Field == "cap");
        Assert.Contains(CapXml.Validate("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"), e => e.Message.StartsWith("not well-formed", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Warnings_IssuedImportedAcknowledged_AndPublishedInAtom(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var id = await OpenAsync(h);
        var issued = await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.IssueAsync(Ministry, Warning(id, "440000", "450000")));
        Assert.True(issued.Succeeded, issued.Problem);
        Assert.Equal(("Extreme", "issued"), (issued.Value!.Severity, issued.Value.Origin));
        var row = await h.WithAsync<WarningService, Data.WarningRow?>(s => s.FindAsync(issued.Value.Id));
        var (code, output) = XmlLint(row!.Xml); // the exported message validates independently
        Assert.True(code == 0, output);

        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.IssueAsync(Guangdong, Warning(id, "450000")))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.IssueAsync(Mobile, Warning(id, "440000")))).Status);
        var badPolygon = await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.IssueAsync(Ministry, Warning(id, "440000") with { Polygons = ["1,2 3,4"] }));
        Assert.Equal("polygons", badPolygon.Errors.Single().Field);

        // Operators acknowledge per province; again changes nothing; a branch only its province.
        var ack = await h.WithAsync<WarningService, Outcome<WarningAck>>(s => s.AcknowledgeAsync(MobileGuangdong, issued.Value.Id, new AckRequest("440000")));
        Assert.True(ack.Succeeded, ack.Problem);
        Assert.Equal(ack.Value, (await h.WithAsync<WarningService, Outcome<WarningAck>>(s => s.AcknowledgeAsync(Mobile, issued.Value.Id, new AckRequest("440000")))).Value);
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<WarningService, Outcome<WarningAck>>(s => s.AcknowledgeAsync(MobileGuangdong, issued.Value.Id, new AckRequest("450000")))).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await h.WithAsync<WarningService, Outcome<WarningAck>>(s => s.AcknowledgeAsync(Telecom, issued.Value.Id, new AckRequest("460000")))).Status);
        await h.WithAsync<WarningService, Outcome<WarningAck>>(s => s.AcknowledgeAsync(Telecom, issued.Value.Id, new AckRequest("450000")));

        // Export then import elsewhere: the same message is taken once; another sender's is kept with its identifier.
        var again = await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.ImportAsync(Ministry, row.Xml));
        Assert.Equal(issued.Value.Id, again.Value!.Id);
        var foreign = row.Xml.Replace(WarningService.Sender, "cma@cma.gov.cn", StringComparison.Ordinal);
        var imported = await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.ImportAsync(Guangdong, foreign));
        Assert.Equal(("imported", id), (imported.Value!.Origin, imported.Value.IncidentId));
        var changed = foreign.Replace("台风红色预警", "台风橙色预警", StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.Conflict, (await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.ImportAsync(Ministry, changed))).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await h.WithAsync<WarningService, Outcome<WarningView>>(s => s.ImportAsync(Ministry, "<alert/>"))).Status);

        var atom = await h.WithAsync<WarningService, string>(s => s.AtomAsync("http://localhost", "cm"));
        Assert.Contains("<category scheme=\"urn:ictgov:ack:cm\" term=\"440000:acknowledged\" />", atom, StringComparison.Ordinal);
        Assert.Contains("<category scheme=\"urn:ictgov:ack:cm\" term=\"450000:pending\" />", atom, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost/emergency/cap/{issued.Value.Id}.xml\"", atom, StringComparison.Ordinal);
        var timeline = await h.WithAsync<IncidentService, IReadOnlyList<TimelineEntry>>(s => s.TimelineAsync(id));
        Assert.Equal(["open", "warning", "warning", "warning", "warning"], timeline.Select(t => t.Kind));
    }
}
