using System.Text.Json;
using IctGov.Kernel.Security;
using IctGov.NetworkQuality.Features;

namespace IctGov.NetworkQuality.Tests;

/// <summary>Every accepted network-quality write leaves one audit entry naming who, what and how many; a refused one leaves none.</summary>
public class AuditTests
{
    private static JsonElement After(Kernel.Auditing.AuditEntry e) => JsonDocument.Parse(e.After!).RootElement;

    [Fact]
    public async Task Import_FromTheCommandLine_IsAuditedAsTheSystemWithItsCounts()
    {
        using var s = new TestStore();
        var file = s.File("a.csv", TestData.Csv([TestData.One("a1", 120, 8), TestData.One("a2", 80, 6), TestData.One("a1", 1, 1)]));
        var report = await s.Service(Actor.System("cli")).ImportFileAsync(file, null);
        Assert.True(report.Succeeded);

        var entry = Assert.Single(s.Audit.Entries);
        Assert.Equal(("system:cli", "netq.import", "netq_batch"), (entry.ActorId, entry.Action, entry.SubjectType));
        var after = After(entry);
        Assert.Equal((3L, 2L, 1L), (after.GetProperty("rows").GetInt64(), after.GetProperty("inserted").GetInt64(), after.GetProperty("duplicates").GetInt64()));
        Assert.Equal(Path.GetFullPath(file), after.GetProperty("source").GetString());
        Assert.Equal(new FileInfo(file).Length, after.GetProperty("bytes").GetInt64());
        Assert.Equal(entry.SubjectId, after.GetProperty("batch").GetString());
    }

    [Fact]
    public async Task Push_IsAuditedAsTheSender_WithTheBodysDigest()
    {
        using var s = new TestStore();
        var body = "[" + string.Join(",", Enumerable.Range(0, 3).Select(i =>
            $$"""{"id":"p{{i}}","time_utc":"2026-03-02T12:00:00Z","province":"440000","city":"440100","operator":"cm","technology":"5g-sa","segment":"access","source":"probe","dl_mbps":150,"ul_mbps":10}""")) + "]";
        var path = s.File("push.json", body);
        var probe = new Actor("token:7", "probe", Role.Reporter, null, "cm", ["440000"]);
        var origin = new BatchOrigin(probe, "netq.push", "POST /api/v1/netq/measurements", body.Length, null, "ab12");
        var report = await s.Importer.ImportJsonArrayAsync(path, origin, default);
        Assert.True(report.Succeeded, string.Join("; ", report.Problems));

        var entry = Assert.Single(s.Audit.Entries);
        Assert.Equal(("token:7", "netq.push"), (entry.ActorId, entry.Action));
        var after = After(entry);
        Assert.Equal((3L, 3L, 0L), (after.GetProperty("rows").GetInt64(), after.GetProperty("inserted").GetInt64(), after.GetProperty("duplicates").GetInt64()));
        Assert.Equal("ab12", after.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task RejectedBatch_LeavesNoEntry()
    {
        using var s = new TestStore();
        var bad = TestData.Line(TestData.One("b1", 100, 10)).Replace(",cm,", ",att,", StringComparison.Ordinal);
        var report = await s.Service().ImportFileAsync(s.File("bad.csv", $"{TestData.Header}\n{bad}\n"), null);
        Assert.False(report.Succeeded);
        var unreadable = await s.Service().ImportFileAsync(s.File("h.csv", "id,when\n1,2\n"), null);
        Assert.NotNull(unreadable.FileError);
        Assert.Empty(s.Audit.Entries);
    }

    [Fact]
    public async Task RebuildRollups_IsAudited()
    {
        using var s = new TestStore();
        await s.ImportAsync([TestData.One("r1", 100, 10), TestData.One("r2", 90, 9)]);
        await s.Service().RebuildRollupsAsync();
        var entry = s.Audit.Entries[^1];
        Assert.Equal(("system:cli", "netq.rebuild-rollups"), (entry.ActorId, entry.Action));
        Assert.Equal(2, After(entry).GetProperty("rows").GetInt64());
    }
}
