using System.Text;
using IctGov.Access;
using IctGov.Audit;
using IctGov.Emergency.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;

namespace IctGov.Emergency.Tests;

/// <summary>Plans, resources and an incident's reports on a real database of each engine, with a fake clock.</summary>
public class IncidentTests
{
    internal static readonly Actor Ministry = new("user:m", "工业和信息化部", Role.MinistryAdmin, null, "ministry", []);
    internal static readonly Actor Guangdong = new("user:gd", "广东省通信管理局", Role.ProvinceAdmin, "440000", "prov-440000", ["440000"]);
    internal static readonly Actor Guangxi = new("user:gx", "广西通信管理局", Role.ProvinceAdmin, "450000", "prov-450000", ["450000"]);
    internal static readonly Actor Mobile = new("token:cm", "中国移动", Role.Reporter, null, "cm", ["440000", "450000", "460000"]);
    internal static readonly Actor MobileGuangdong = new("token:cm-gd", "中国移动广东", Role.Reporter, null, "cm-440000", ["440000"]);
    internal static readonly Actor Telecom = new("token:ct", "中国电信", Role.Reporter, null, "ct", ["440000", "450000", "460000"]);

    /// <summary>2026-08-01 08:00 Beijing.</summary>
    internal static readonly DateTimeOffset Opened = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    internal static Task<ModuleHarness> StartAsync(DatabaseProvider provider) =>
        ModuleHarness.StartAsync(provider, [new AuditModule(), new AccessModule(), new EmergencyModule()], Opened);

    internal static ReportInput Report(string area, int hour, int outCount, int restored = 0, string? op = null, int minute = 0) =>
        new(op, area, Opened.AddHours(hour).AddMinutes(minute), outCount, restored, outCount * 300, 1, 0, false, "某县", null);

    internal static async Task<long> OpenAsync(ModuleHarness h, int level = 2)
    {
        var plan = await h.WithAsync<ResourceService, Outcome<Contracts.PlanView>>(s => s.SavePlanAsync(Ministry, new PlanRequest("NAT-2026", "national", "ministry", null,
            "国家通信保障应急预案", null, [new(1, "部启动Ⅰ级响应，每小时报送", "operators", 60), new(2, "部启动Ⅱ级响应", "operators,provinces", 120)])));
        Assert.True(plan.Succeeded, plan.Problem);
        var opened = await h.WithAsync<IncidentService, Outcome<Contracts.IncidentView>>(s => s.OpenAsync(Ministry,
            new OpenIncidentRequest("TY-2026-07", "typhoon", "台风“海燕”", level, ["440000", "450000", "460000"], "NAT-2026", null)));
        Assert.True(opened.Succeeded, opened.Problem);
        return opened.Value!.Id;
    }

    [Theory, DatabaseData]
    public async Task Opening_ActivatesThePlanLevelsDuties(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var id = await OpenAsync(h, level: 2);
        var incident = (await h.WithAsync<IncidentService, Outcome<Contracts.IncidentView>>(s => s.GetAsync(Ministry, id))).Value!;
        Assert.Equal(120, incident.ReportEveryMinutes);
        var duties = (await h.WithAsync<IncidentService, Outcome<IReadOnlyList<Contracts.DutyView>>>(s => s.DutiesAsync(Ministry, id))).Value!;
        Assert.Equal(12, duties.Count); // four operators × three provinces
        var own = (await h.WithAsync<IncidentService, Outcome<IReadOnlyList<Contracts.DutyView>>>(s => s.DutiesAsync(MobileGuangdong, id))).Value!;
        Assert.Equal([("cm", "440000")], own.Select(d => (d.OperatorId, d.Region)));

        // A province opens incidents only at home; bad fields are named.
        var refused = await h.WithAsync<IncidentService, Outcome<Contracts.IncidentView>>(s => s.OpenAsync(Guangdong,
            new OpenIncidentRequest("X", "typhoon", "x", 3, ["450000"], null, null)));
        Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        var bad = await h.WithAsync<IncidentService, Outcome<Contracts.IncidentView>>(s => s.OpenAsync(Ministry,
            new OpenIncidentRequest("Y", "meteor", "y", 5, ["999999"], null, null)));
        Assert.Equal(["type", "level", "regions"], bad.Errors.Select(e => e.Field));
    }

    [Theory, DatabaseData]
    public async Task Reports_AreIdempotent_LateOnesLandAtTheirTime_AndABadBatchWritesNothing(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var id = await OpenAsync(h, level: 1);
        h.Clock.Advance(TimeSpan.FromHours(3));
        Task<Outcome<Contracts.IntakeReceipt>> Send(Actor a, params ReportInput[] reports) =>
            h.WithAsync<IncidentService, Outcome<Contracts.IntakeReceipt>>(s => s.ReportAsync(a, id, reports.Select((r, i) => ((long)i + 1, r)).ToList(), "api"));

        var first = await Send(Mobile, Report("440000", 1, 1200), Report("450000", 1, 300));
        Assert.Equal((2, 0, 0), (first.Value!.Created, first.Value.Corrected, first.Value.Unchanged));
        // The operator's system times out and resends: nothing is counted twice.
        var again = await Send(Mobile, Report("440000", 1, 1200), Report("450000", 1, 300));
        Assert.Equal((0, 0, 2), (again.Value!.Created, again.Value.Corrected, again.Value.Unchanged));
        // The same key written with another offset is the same report.
        var sameMoment = Report("440000", 1, 1200) with { At = Opened.AddHours(1).ToOffset(TimeSpan.FromHours(8)) };
        Assert.Equal(1, (await Send(Mobile, sameMoment)).Value!.Unchanged);
        // Other figures for the same key correct the report.
        var corrected = await Send(Mobile, Report("440000", 1, 1250));
        Assert.Equal(1, corrected.Value!.Corrected);
        var reports = (await h.WithAsync<IncidentService, Outcome<IReadOnlyList<Contracts.ReportView>>>(s => s.ReportsAsync(Ministry, id))).Value!;
        Assert.Equal(2, reports.Count);
        Assert.Equal((1250, 2), (reports.Single(r => r.Area == "440000").StationsOut, reports.Single(r => r.Area == "440000").Revision));

        // Telecom's 01:00 report arrives after its 02:00 one: each holds at its own time.
        await Send(Telecom, Report("440000", 2, 500));
        await Send(Telecom, Report("440000", 1, 800));
        var rounds = (await h.WithAsync<IncidentService, Outcome<IReadOnlyList<Contracts.RoundFigure>>>(s => s.RoundsAsync(Ministry, id))).Value!;
        Assert.Equal([0, 1, 2], rounds.Select(r => r.Round));
        Assert.Equal(0, rounds[0].All.StationsOut);
        Assert.Equal(1250 + 300 + 800, rounds[1].All.StationsOut);
        Assert.Equal(1250 + 300 + 500, rounds[2].All.StationsOut);
        Assert.Equal(500, rounds[2].ByOperator["ct"].StationsOut);

        // One bad row refuses the batch: nothing of it is written.
        var bad = await Send(Mobile, Report("460000", 2, 10), Report("110000", 2, 10), Report("440000", 2, 1) with { StationsOut = -1 });
        Assert.Equal(OutcomeStatus.Invalid, bad.Status);
        Assert.Equal([(2L, "area"), (3L, "stationsOut")], bad.Errors.Select(e => (e.Row, e.Field)));
        // An operator reports only its own network, a branch only its province.
        Assert.Equal(OutcomeStatus.Forbidden, (await Send(Telecom, Report("440000", 2, 1, op: "cm"))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await Send(MobileGuangdong, Report("450000", 2, 1))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await Send(Guangdong, Report("450000", 2, 1, op: "cm"))).Status);

        // Who sees what: the ministry all, a province its own, an operator its own network.
        async Task<int> Count(Actor a) => (await h.WithAsync<IncidentService, Outcome<IReadOnlyList<Contracts.ReportView>>>(s => s.ReportsAsync(a, id))).Value!.Count;
        Assert.Equal(4, await Count(Ministry));
        Assert.Equal(3, await Count(Guangdong));
        Assert.Equal(1, await Count(Guangxi));
        Assert.Equal(2, await Count(Mobile));
        Assert.Equal(1, await Count(MobileGuangdong));
        Assert.Equal(2, await Count(Telecom));
    }

    [Theory, DatabaseData]
    public async Task StationLists_CsvIntake_MapAndRestoration(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var id = await OpenAsync(h, level: 1);
        h.Clock.Advance(TimeSpan.FromHours(12));
        var stations = new List<StationInput> { new("GD-0001", 113.1, 22.5, true), new("GD-0002", 113.2, 22.6, true), new("GD-0003", 113.3, 22.7, false) };
        var withList = await h.WithAsync<IncidentService, Outcome<Contracts.IntakeReceipt>>(s => s.ReportAsync(MobileGuangdong, id,
            [(1, new ReportInput(null, "440000", Opened.AddHours(1), null, null, 5000, 0, 0, true, null, stations))], "api"));
        Assert.True(withList.Succeeded, withList.Problem);
        var map = (await h.WithAsync<IncidentService, Outcome<Contracts.MapData>>(s => s.MapAsync(Ministry, id, Opened.AddHours(1)))).Value!;
        Assert.Equal(["GD-0001", "GD-0002"], map.Stations.Select(s => s.Id).Order());
        Assert.Equal(2, map.Regions.Single(r => r.Code == "440000").Totals.StationsOut);
        Assert.Equal(1, map.Regions.Single(r => r.Code == "440000").Totals.StationsRestored);
        Assert.Empty((await h.WithAsync<IncidentService, Outcome<Contracts.MapData>>(s => s.MapAsync(Telecom, id, null))).Value!.Stations);
        // A later report with counts only keeps the points of the latest list; a new list replaces them.
        await h.WithAsync<IncidentService, Outcome<Contracts.IntakeReceipt>>(s => s.ReportAsync(MobileGuangdong, id, [(1, Report("440000", 2, 2, 1))], "api"));
        Assert.Equal(2, (await h.WithAsync<IncidentService, Outcome<Contracts.MapData>>(s => s.MapAsync(Ministry, id, Opened.AddHours(2)))).Value!.Stations.Count);
        await h.WithAsync<IncidentService, Outcome<Contracts.IntakeReceipt>>(s => s.ReportAsync(MobileGuangdong, id,
            [(1, new ReportInput(null, "440000", Opened.AddHours(3), null, null, 0, 0, 0, false, null, [new("GD-0001", 113.1, 22.5, true), new("GD-0002", 113.2, 22.6, false)]))], "api"));
        Assert.Equal(["GD-0001"], (await h.WithAsync<IncidentService, Outcome<Contracts.MapData>>(s => s.MapAsync(Ministry, id, Opened.AddHours(3)))).Value!.Stations.Select(s => s.Id));

        const string header = "operatorId,area,at,stationsOut,stationsRestored,affectedUsers,cableCuts,coreNodesDown,congested,counties\n";
        var csv = header
            + "ct,450000,2026-08-01T09:00:00+08:00,1000,0,30000,4,1,true,南宁市\n"
            + "ct,450000,2026-08-01T11:00:00+08:00,400,600,12000,2,0,false,\n"
            + "ct,450000,2026-08-01T13:00:00+08:00,100,900,3000,1,0,false,\n"
            + "ct,450000,2026-08-01T15:00:00+08:00,0,1000,0,0,0,false,\n";
        Task<Outcome<Contracts.IntakeReceipt>> Import(Actor a, string text) =>
            h.WithAsync<IncidentService, Outcome<Contracts.IntakeReceipt>>(s => s.ImportCsvAsync(a, id, new MemoryStream(Encoding.UTF8.GetBytes(text))));
        var badCsv = await Import(Telecom, header + "ct,450000,yesterday,1,0,0,0,0,maybe,\n");
        Assert.Equal([(2L, "at"), (2L, "congested")], badCsv.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal(4, (await Import(Telecom, csv)).Value!.Created);
        Assert.Equal(4, (await Import(Telecom, csv)).Value!.Unchanged);

        var after = (await h.WithAsync<IncidentService, Outcome<Contracts.AfterAction>>(s => s.AfterActionAsync(Ministry, id))).Value!;
        // Peak at 09:00 Beijing: 1000 (ct) + 2 (cm); half restored by 11:00 (402), 90% not at 13:00 (102 > 100.2) but at 15:00 (2); never all (cm's 2 remain).
        Assert.Equal(1002, after.Restoration.PeakOut);
        Assert.Equal(TimeSpan.FromHours(2), after.Restoration.To50);
        Assert.Equal(TimeSpan.FromHours(6), after.Restoration.To90);
        Assert.Null(after.Restoration.To100);
        var closing = await h.WithAsync<IncidentService, Outcome<Contracts.IncidentView>>(s => s.CloseAsync(Guangdong, id, new CloseRequest("x")));
        Assert.Equal(OutcomeStatus.Forbidden, closing.Status); // the incident spans three provinces
        var closed = await h.WithAsync<IncidentService, Outcome<Contracts.IncidentView>>(s => s.CloseAsync(Ministry, id, new CloseRequest("油机储备不足")));
        Assert.Equal("closed", closed.Value!.State);
        Assert.Equal(OutcomeStatus.Conflict, (await Import(Telecom, csv)).Status);
        var timeline = await h.WithAsync<IncidentService, IReadOnlyList<Contracts.TimelineEntry>>(s => s.TimelineAsync(id));
        Assert.Equal(["open", "reports", "reports", "reports", "reports", "close"], timeline.Select(t => t.Kind));
    }

    [Theory, DatabaseData]
    public async Task Resources_OwnedAndManaged_QualificationsFlagged(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var team = await h.WithAsync<ResourceService, Outcome<Contracts.TeamView>>(s => s.SaveTeamAsync(MobileGuangdong, new TeamRequest("CM-GD-01", "移动广东应急一队", "cm-440000", "440000", "广州",
            [new("王工", "通信工程师", new DateOnly(2026, 7, 1)), new("李工", "无人机驾驶员", new DateOnly(2026, 8, 20)), new("赵工", "电工证", new DateOnly(2027, 1, 1))])));
        Assert.True(team.Succeeded, team.Problem);
        Assert.Equal([("李工", false, true), ("王工", true, false), ("赵工", false, false)],
            team.Value!.Members.Select(m => (m.Name, m.Expired, m.ExpiresSoon)).OrderBy(x => x.Name, StringComparer.Ordinal));
        var phone = await h.WithAsync<ResourceService, Outcome<Contracts.EquipmentView>>(s => s.SaveEquipmentAsync(Guangdong,
            new EquipmentRequest("GD-TT-001", "tiantong_phone", "prov-440000", "440000", 113.26, 23.13, null)));
        Assert.Equal("ready", phone.Value!.State);
        // Another operator may not manage it, nor put equipment in its name; coordinates outside China are named.
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<ResourceService, Outcome<Contracts.TeamView>>(s => s.SaveTeamAsync(Telecom,
            new TeamRequest("CM-GD-01", "x", "cm-440000", "440000", null, [])))).Status);
        var bad = await h.WithAsync<ResourceService, Outcome<Contracts.EquipmentView>>(s => s.SaveEquipmentAsync(Ministry,
            new EquipmentRequest("UAV-1", "balloon", "nobody", "440000", 10, 10, null)));
        Assert.Equal(["kind", "ownerUnit", "lon/lat"], bad.Errors.Select(e => e.Field));
        Assert.Single(await h.WithAsync<ResourceService, IReadOnlyList<Contracts.TeamView>>(s => s.TeamsAsync(Mobile)));
        Assert.Empty(await h.WithAsync<ResourceService, IReadOnlyList<Contracts.TeamView>>(s => s.TeamsAsync(Telecom)));
        Assert.Empty(await h.WithAsync<ResourceService, IReadOnlyList<Contracts.EquipmentView>>(s => s.EquipmentAsync(Guangxi)));
    }
}
