using System.Diagnostics;
using System.Globalization;
using IctGov.Audit;
using IctGov.Emergency;
using IctGov.Emergency.Contracts;
using IctGov.Emergency.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Web.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

// A typhoon replayed through the Emergency module (issue 19's scale): 31,000 base stations out across
// Guangdong, Guangxi and Hainan; the four operators report every 15 minutes for 72 hours (counts every
// round, each operator's full station list every hour); 500 dispatch orders. Timed in process on the
// module's own SQLite schema: report intake, dispatch, the map's data (goal under 300 ms) beside a peer
// (the same picture as one SQL query on the same file, which also checks the module's answer), the
// rounds behind the situation reports and the after-action report.
//   dotnet run -c Release --project bench/emergency/TyphoonBench -- --dir /tmp/typhoon [--stations 31000] [--hours 72] [--runs 5]
string? dir = null;
var stationCount = 31_000;
var hours = 72;
var runs = 5;
for (var i = 0; i < args.Length; i++)
{
    string Next() => args[++i];
    switch (args[i])
    {
        case "--dir": dir = Next(); break;
        case "--stations": stationCount = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--hours": hours = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
dir ??= Path.Combine(Path.GetTempPath(), "typhoon-bench");
if (Directory.Exists(dir))
{
    Directory.Delete(dir, recursive: true); // every run replays the storm from nothing: intake is what is measured
}
Directory.CreateDirectory(dir);
var opened = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero); // 08:00 Beijing
var clock = new SettableTime(opened);
var storage = StorageOptions.Resolve(dir, "sqlite", null, _ => null);
var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddSingleton<IActorAccessor>(new BenchActor());
var set = ModuleSet.Of(new AuditModule(), new EmergencyModule());
set.AddServices(collection, storage);
await using var services = collection.BuildServiceProvider();
await set.InitializeAsync(services);

async Task<T> With<TService, T>(Func<TService, Task<T>> use) where TService : notnull
{
    await using var scope = services.CreateAsyncScope();
    return await use(scope.ServiceProvider.GetRequiredService<TService>());
}

string[] provinces = ["440000", "450000", "460000"];
string[] operators = ["cm", "ct", "cu", "cbn"];
var ministry = new Actor("user:duty", "部应急办", Role.MinistryAdmin, null, "ministry", []);
var actors = operators.ToDictionary(o => o, o => new Actor("token:" + o, o, Role.Reporter, null, o, provinces));
Must(await With<ResourceService, Outcome<PlanView>>(s => s.SavePlanAsync(ministry, new PlanRequest("NAT-TY", "national", "ministry", null, "国家通信保障应急预案（台风）", null,
    [new(1, "部启动Ⅰ级响应，每15分钟报送", "operators", 15)]))));
var incident = Must(await With<IncidentService, Outcome<IncidentView>>(s => s.OpenAsync(ministry,
    new OpenIncidentRequest("TY-BENCH", "typhoon", "台风（回放）", 1, [.. provinces], "NAT-TY", null)))).Id;

// The storm: each station fails within the first 12 hours and is restored between its failure and the
// end, later the harder the province was hit; seeded, so every run replays the same storm.
var random = new Random(20260801);
(double Lon, double Lat)[] centres = [(113.3, 22.5), (108.4, 21.9), (110.3, 19.9)];
double[] provinceShare = [0.5, 0.3, 0.2];
double[] operatorShare = [0.45, 0.25, 0.22, 0.08];
var stations = Enumerable.Range(0, stationCount).Select(n =>
{
    var p = Pick(provinceShare);
    var o = Pick(operatorShare);
    var fail = random.NextDouble() * 12;
    var restore = fail + 2 + random.NextDouble() * (hours - 2 - fail) * (p == 0 ? 1.0 : 0.7);
    return new Station($"{operators[o]}-{provinces[p]}-{n:D6}", o, p, centres[p].Lon + (random.NextDouble() - 0.5) * 3, centres[p].Lat + (random.NextDouble() - 0.5) * 2, fail, restore);
}).ToList();
var byList = stations.ToLookup(s => (s.Operator, s.Province));

var rounds = hours * 4;
var reportCount = 0;
var stationRows = 0;
var intake = Stopwatch.StartNew();
for (var round = 0; round < rounds; round++)
{
    var at = opened.AddMinutes(15 * round);
    var h = 15.0 * round / 60;
    clock.Now = at.AddMinutes(1);
    for (var o = 0; o < operators.Length; o++)
    {
        var batch = new List<(long, ReportInput)>();
        for (var p = 0; p < provinces.Length; p++)
        {
            var own = byList[(o, p)].ToList();
            var outNow = own.Count(s => s.Fail <= h && h < s.Restore);
            var restored = own.Count(s => s.Restore <= h);
            List<StationInput>? list = round % 4 == 0 ? own.Where(s => s.Fail <= h).Select(s => new StationInput(s.Id, s.Lon, s.Lat, h < s.Restore)).ToList() : null;
            stationRows += list?.Count ?? 0;
            batch.Add((p + 1, new ReportInput(operators[o], provinces[p], at, list is null ? outNow : null, list is null ? restored : null, outNow * 250, outNow / 40, 0, outNow > 500, null, list)));
        }
        Must(await With<IncidentService, Outcome<IntakeReceipt>>(s => s.ReportAsync(actors[operators[o]], incident, batch, "api")));
        reportCount += batch.Count;
    }
}
intake.Stop();
Console.WriteLine($"intake: {reportCount:N0} reports ({stationRows:N0} station rows) in {intake.Elapsed.TotalSeconds:F1} s = {reportCount / intake.Elapsed.TotalSeconds:F0} reports/s, {stationRows / intake.Elapsed.TotalSeconds:F0} station rows/s");

// 500 pieces of equipment in the three provinces, then 500 orders, each moving one to another province's
// county: the ministry issues them (no support request needed).
clock.Now = opened.AddHours(hours);
for (var n = 0; n < 500; n++)
{
    var p = n % 3;
    Must(await With<ResourceService, Outcome<EquipmentView>>(s => s.SaveEquipmentAsync(ministry, new EquipmentRequest($"EQ-{n:D3}",
        n % 2 == 0 ? "generator" : "portable_base_station", $"prov-{provinces[p]}", provinces[p], centres[p].Lon, centres[p].Lat, null))));
}
var dispatch = Stopwatch.StartNew();
for (var n = 0; n < 500; n++)
{
    Must(await With<DispatchService, Outcome<DispatchView>>(s => s.IssueAsync(ministry, incident, new DispatchRequest(null, $"EQ-{n:D3}", provinces[(n + 1) % 3], "抢通基站"))));
}
dispatch.Stop();
Console.WriteLine($"dispatch: 500 orders in {dispatch.Elapsed.TotalSeconds:F2} s = {500 / dispatch.Elapsed.TotalSeconds:F0} orders/s");

foreach (var (label, hour) in new[] { ("peak (hour 12)", 12), ($"end (hour {hours})", hours) })
{
    var when = opened.AddHours(hour).AddMinutes(-1);
    var module = await TimeAsync($"map data at the {label}, module (IncidentService.MapAsync)", async () =>
    {
        var map = Must(await With<IncidentService, Outcome<MapData>>(s => s.MapAsync(ministry, incident, when)));
        return (map.Stations.Count, $"{map.Stations.Count:N0} stations out, {map.Regions.Count} provinces, {map.Equipment.Count} pieces of equipment");
    });
    var peer = await TimeAsync($"map data at the {label}, peer (one SQLite query)", async () =>
    {
        await using var connection = new SqliteConnection(storage.ConnectionString);
        await connection.OpenAsync();
        using var q = connection.CreateCommand();
        // The latest station list of each operator in each province at or before the moment, and its stations out.
        q.CommandText = """
            SELECT COUNT(*) FROM emergency_report_station s JOIN (
              SELECT r.id FROM emergency_report r
              WHERE r.incident_id = $incident AND r.at <= $at AND EXISTS (SELECT 1 FROM emergency_report_station x WHERE x.report_id = r.id)
                AND r.at = (SELECT MAX(r2.at) FROM emergency_report r2 WHERE r2.incident_id = r.incident_id AND r2.operator_id = r.operator_id
                            AND r2.area = r.area AND r2.at <= $at AND EXISTS (SELECT 1 FROM emergency_report_station y WHERE y.report_id = r2.id))
            ) latest ON s.report_id = latest.id WHERE s.out = 1
            """;
        q.Parameters.AddWithValue("$incident", incident);
        q.Parameters.AddWithValue("$at", Stored(when));
        var n = Convert.ToInt32(await q.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return (n, $"{n:N0} stations out");
    });
    if (module != peer)
    {
        Console.Error.WriteLine($"the module and the peer disagree at the {label}: {module} vs {peer}");
        return 1;
    }
}
await TimeAsync($"rounds behind the situation reports ({rounds} rounds), module (IncidentService.RoundsAsync)", async () =>
{
    var all = Must(await With<IncidentService, Outcome<IReadOnlyList<RoundFigure>>>(s => s.RoundsAsync(ministry, incident)));
    return (all.Count, $"{all.Count} rounds, peak {all.Max(r => r.All.StationsOut):N0} out");
});
await TimeAsync("after-action report, module (IncidentService.AfterActionAsync)", async () =>
{
    var report = Must(await With<IncidentService, Outcome<AfterAction>>(s => s.AfterActionAsync(ministry, incident)));
    return (report.Restoration.PeakOut, $"peak {report.Restoration.PeakOut:N0}, to 50% {report.Restoration.To50}, to 90% {report.Restoration.To90}");
});
return 0;

int Pick(double[] shares)
{
    var x = random.NextDouble();
    for (var i = 0; i < shares.Length - 1; i++)
    {
        if ((x -= shares[i]) < 0)
        {
            return i;
        }
    }
    return shares.Length - 1;
}

async Task<int> TimeAsync(string what, Func<Task<(int Check, string Text)>> run)
{
    var (check, text) = await run(); // warm-up, and the answer
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{what}: median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}, {runs} runs) — {text}");
    return check;
}

// EF Core's SQLite provider stores DateTimeOffset as text of this form.
static string Stored(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture).Replace("Z", "+00:00", StringComparison.Ordinal);

static T Must<T>(Outcome<T> outcome) => outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(outcome.Problem);

internal sealed record Station(string Id, int Operator, int Province, double Lon, double Lat, double Fail, double Restore);

/// <summary>The replay moves the clock round by round, so every report is "now" when it arrives.</summary>
internal sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The bench acts as the local system.</summary>
internal sealed class BenchActor : IActorAccessor
{
    public Actor Current { get; } = Actor.System("bench");
}
