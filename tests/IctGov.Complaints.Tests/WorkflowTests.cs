using System.Text;
using IctGov.Access;
using IctGov.Audit;
using IctGov.Audit.Contracts;
using IctGov.Complaints.Contracts;
using IctGov.Complaints.Domain;
using IctGov.Complaints.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning;
using IctGov.Planning.Contracts;

namespace IctGov.Complaints.Tests;

/// <summary>The workflow on a real database of each engine, with a fake clock across 中秋/国庆 2026.</summary>
public class WorkflowTests
{
    internal static readonly Actor Ministry = new("user:m", "部申诉受理中心", Role.MinistryAdmin, null, "ministry", []);
    internal static readonly Actor Guangdong = new("user:gd", "广东省通信管理局", Role.ProvinceAdmin, "440000", "prov-440000", ["440000"]);
    internal static readonly Actor Beijing = new("user:bj", "北京市通信管理局", Role.ProvinceAdmin, "110000", "prov-110000", ["110000"]);
    internal static readonly Actor MobileGuangdong = new("token:cm-gd", "中国移动广东分公司", Role.Reporter, null, "cm-440000", ["440000"]);
    internal static readonly Actor Telecom = new("token:ct", "中国电信", Role.Reporter, null, "ct", ["440000"]);
    internal static readonly Actor Company = new("token:co", "某互联网公司", Role.Reporter, null, "91110000MA01", ["110000"]);

    /// <summary>Beijing 10:00 on the date.</summary>
    internal static DateTimeOffset At(int month, int day) => new(2026, month, day, 2, 0, 0, TimeSpan.Zero);

    internal static Task<ModuleHarness> StartAsync(DatabaseProvider provider, DateTimeOffset now) =>
        ModuleHarness.StartAsync(provider, [new AuditModule(), new AccessModule(), new PlanningModule(), new ComplaintsModule()], now);

    private static Task<T> With<T>(ModuleHarness h, Func<ComplaintService, Task<T>> use) => h.WithAsync(use);

    internal static ComplaintIntake Internet(string region = "110000") =>
        new("internet", region, "91110000MA01", "某互联网公司", "personal_information", "李四", "13900000000", "北京市海淀区某路2号", "100080",
            "删除个人信息", "应用未经同意收集通讯录", new DateOnly(2025, 9, 20), null, null);

    [Theory, DatabaseData]
    public async Task TelecomAppeal_FromIntakeToRating_AcrossNationalDay(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider, At(9, 24));
        var intake = AdmissibilityTests.Telecom(eventDate: new DateOnly(2026, 8, 20), complainedOn: new DateOnly(2026, 9, 1));
        var receipt = await With(h, s => s.IntakeAsync(Actor.Anonymous, intake, "web"));
        Assert.True(receipt.Succeeded, receipt.Problem);
        var id = receipt.Value!.Complaint.Id;
        Assert.Equal((new DateOnly(2026, 10, 9), "acceptance", "green"), (receipt.Value.Complaint.AcceptanceDue!.Value, receipt.Value.Complaint.Clock.Stage, receipt.Value.Complaint.Clock.State));
        Assert.Equal("中国移动", receipt.Value.Complaint.RespondentName);

        // The same user's appeal about the same matter is not taken twice (第十一条第三项).
        var again = await With(h, s => s.IntakeAsync(Actor.Anonymous, intake, "web"));
        Assert.Equal((OutcomeStatus.Unprocessable, "already-decided"), (again.Status, again.Errors[0].Rule));

        h.Clock.SetUtcNow(At(9, 30));
        Assert.Equal("amber", (await With(h, s => s.GetAsync(Guangdong, id))).Value!.Clock.State);

        // Beijing's centre cannot see Guangdong's appeal; the operator cannot decide it.
        Assert.Equal(OutcomeStatus.NotFound, (await With(h, s => s.TransitionAsync(Beijing, id, Actions.Accept, new()))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await With(h, s => s.TransitionAsync(MobileGuangdong, id, Actions.Accept, new()))).Status);

        var accepted = await With(h, s => s.TransitionAsync(Guangdong, id, Actions.Accept, new()));
        // 30 days from receipt on 24 September end on Saturday 24 October, a rest day: Monday 26 October.
        Assert.Equal(new DateOnly(2026, 10, 26), accepted.Value!.AnswerDue);
        Assert.Equal("answer", accepted.Value.Clock.Stage);

        // Default operator deadline: 7 working days from 30 September = 8, 9, 10 (worked Saturday), 12, 13, 14, 15 October.
        var transferred = await With(h, s => s.TransitionAsync(Guangdong, id, Actions.Transfer, new()));
        Assert.Equal(new DateOnly(2026, 10, 15), transferred.Value!.RespondentDue);
        var badDue = await With(h, s => s.TransitionAsync(Guangdong, id, Actions.Answer, new("x")));
        Assert.Equal(OutcomeStatus.Forbidden, badDue.Status); // a centre does not answer for the operator

        Assert.Equal(OutcomeStatus.NotFound, (await With(h, s => s.TransitionAsync(Telecom, id, Actions.Answer, new("不是我们")))).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await With(h, s => s.TransitionAsync(MobileGuangdong, id, Actions.Answer, new()))).Status);
        h.Clock.SetUtcNow(At(10, 12));
        Assert.True((await With(h, s => s.TransitionAsync(MobileGuangdong, id, Actions.Answer, new("已核实，退还20元")))).Succeeded);
        Assert.Equal(OutcomeStatus.Invalid, (await With(h, s => s.TransitionAsync(Guangdong, id, Actions.Close, new(Outcome: Outcomes.Mediated)))).Status);
        Assert.True((await With(h, s => s.TransitionAsync(Guangdong, id, Actions.Mediate, new("组织双方调解")))).Succeeded);
        var closed = await With(h, s => s.TransitionAsync(Guangdong, id, Actions.Close, new("用户接受退费", Outcome: Outcomes.Mediated)));
        Assert.Equal((States.Closed, Outcomes.Mediated, "none"), (closed.Value!.State, closed.Value.Outcome, closed.Value.Clock.State));
        Assert.Equal(OutcomeStatus.Conflict, (await With(h, s => s.TransitionAsync(Guangdong, id, Actions.Withdraw, new()))).Status);

        Assert.Equal(OutcomeStatus.NotFound, (await With(h, s => s.RateAsync(id, "not-the-token", 5))).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await With(h, s => s.RateAsync(id, receipt.Value.RatingToken, 6))).Status);
        Assert.Equal(4, (await With(h, s => s.RateAsync(id, receipt.Value.RatingToken, 4))).Value!.Rating);
        Assert.Equal(OutcomeStatus.Conflict, (await With(h, s => s.RateAsync(id, receipt.Value.RatingToken, 5))).Status);

        var history = await With(h, s => s.HistoryAsync(Guangdong, id));
        Assert.Equal(["intake", "accept", "transfer", "answer", "mediate", "close", "rate"], history.Select(e => e.Action));
        Assert.Empty(await With(h, s => s.HistoryAsync(Beijing, id)));
        var audit = await h.Get<IAuditVerifier>().VerifyAsync();
        Assert.Null(audit.Problem);
    }

    [Theory, DatabaseData]
    public async Task CsvBatch_AnyBadRowWritesNothing_AndNamesRowAndField(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider, At(6, 1));
        const string header = "kind,region,respondentId,respondentName,topic,userName,userPhone,userAddress,userPostcode,claim,facts,eventDate,operatorComplainedOn,operatorResponse,receivedOn\n";
        const string good = "telecom,440000,cu,,billing,王五,13700000000,深圳市福田区,518000,退费,重复扣费,2026-05-02,2026-05-03,dissatisfied,2026-05-29\n";
        const string good2 = "internet,440000,91440300X,某应用公司,marketing_harassment,赵六,13600000000,深圳市南山区,518000,停止推送,频繁推送广告,2026-05-20,,,\n";
        const string badDate = "telecom,440000,cu,,billing,钱七,13500000000,深圳市,518000,退费,扣费,2026-13-01,2026-05-03,dissatisfied,\n";
        const string badOperator = "telecom,440000,xx,,billing,孙八,13400000000,深圳市,518000,退费,扣费,2026-05-01,2026-05-03,dissatisfied,\n";

        var refused = await With(h, s => s.ImportCsvAsync(Guangdong, Csv(header + good + badDate + good2 + badOperator)));
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal([(3L, "eventDate")], refused.Errors.Select(e => (e.Row, e.Field)));
        var refused2 = await With(h, s => s.ImportCsvAsync(Guangdong, Csv(header + good + badOperator)));
        Assert.Equal([(3L, "respondentId")], refused2.Errors.Select(e => (e.Row, e.Field)));
        var notMine = await With(h, s => s.ImportCsvAsync(Beijing, Csv(header + good)));
        Assert.Equal(OutcomeStatus.Forbidden, notMine.Status);
        Assert.Empty((await With(h, s => s.ListAsync(Ministry, new()))).Value!);

        var done = await With(h, s => s.ImportCsvAsync(Guangdong, Csv(header + good + good2)));
        Assert.True(done.Succeeded, done.Problem);
        Assert.Equal([("telecom", "csv", new DateOnly(2026, 5, 29)), ("internet", "csv", new DateOnly(2026, 6, 1))],
            done.Value!.Select(r => (r.Complaint.Kind, r.Complaint.Channel, r.Complaint.ReceivedOn)));
        // Received Friday 29 May: 1, 2, 3, 4, 5 June; on 1 June it is green with 4 working days left.
        Assert.Equal((new DateOnly(2026, 6, 5), 4), (done.Value![0].Complaint.AcceptanceDue!.Value, done.Value![0].Complaint.Clock.WorkingDaysLeft!.Value));
    }

    [Theory, DatabaseData]
    public async Task InternetComplaints_Indicator20_IsComputedAndRecordedAsThePlansObservation(DatabaseProvider provider)
    {
        // The plan runs to 2025, so its evaluation reads 2025's figure. Friday 26 September 2025: Sunday 28
        // September and Saturday 11 October are worked, 1–8 October are off (国庆节、中秋节).
        await using var h = await StartAsync(provider, new DateTimeOffset(2025, 9, 26, 2, 0, 0, TimeSpan.Zero));
        var ids = new List<long>();
        foreach (var phone in new[] { "13900000001", "13900000002", "13900000003", "13900000004" })
        {
            var r = await With(h, s => s.IntakeAsync(Ministry, Internet() with { UserPhone = phone }, "api"));
            Assert.True(r.Succeeded, r.Problem);
            ids.Add(r.Value!.Complaint.Id);
        }
        foreach (var id in ids.Take(3))
        {
            await With(h, s => s.TransitionAsync(Beijing, id, Actions.Accept, new()));
            var t = await With(h, s => s.TransitionAsync(Beijing, id, Actions.Transfer, new()));
            // 28 (worked Sunday), 29, 30 September, 9, 10, 11 (worked Saturday), 13, 14, 15, 16 October.
            Assert.Equal(new DateOnly(2025, 10, 16), t.Value!.RespondentDue);
        }
        Assert.Equal(OutcomeStatus.Invalid, (await With(h, s => s.TransitionAsync(Ministry, ids[3], Actions.MarkDuplicate, new(DuplicateOf: ids[3])))).Status);
        Assert.True((await With(h, s => s.TransitionAsync(Ministry, ids[3], Actions.MarkDuplicate, new(DuplicateOf: ids[0])))).Succeeded);
        h.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 9, 2, 0, 0, TimeSpan.Zero));
        await With(h, s => s.TransitionAsync(Beijing, ids[2], Actions.Withdraw, new("用户撤诉")));
        h.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 16, 15, 59, 0, TimeSpan.Zero)); // 23:59 in Beijing on the deadline day
        Assert.True((await With(h, s => s.TransitionAsync(Company, ids[0], Actions.Answer, new("已删除")))).Succeeded);
        h.Clock.SetUtcNow(new DateTimeOffset(2025, 10, 16, 16, 0, 0, TimeSpan.Zero)); // 00:00 on 17 October: late
        Assert.True((await With(h, s => s.TransitionAsync(Company, ids[1], Actions.Answer, new("已处理")))).Succeeded);

        var indicators = h.Get<IComplaintIndicators>();
        var onDeadline = await indicators.TimelinessAsync("2025-10", new DateOnly(2025, 10, 16));
        Assert.Equal((0L, 2L, 1L), (onDeadline[0].Due, onDeadline[0].Pending, onDeadline[0].Withdrawn));

        h.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 3, 2, 0, 0, TimeSpan.Zero));
        var october = await indicators.TimelinessAsync("2025-10");
        Assert.Equal(["100000", "110000"], october.Select(f => f.Region));
        Assert.Equal((2L, 1L, 1L, 50m), (october[0].Due, october[0].OnTime, october[0].Withdrawn, october[0].Rate!.Value));
        Assert.Equal(50m, (await indicators.TimelinessAsync("2025-Q4"))[0].Rate);
        Assert.Empty((await indicators.TimelinessAsync("2025-09")).Skip(1));

        var refused = await h.WithAsync<ComplaintIndicators, Outcome<PublishedIndicator>>(i => i.PublishAsync(Guangdong, "2025"));
        Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        var published = await h.WithAsync<ComplaintIndicators, Outcome<PublishedIndicator>>(i => i.PublishAsync(Ministry, "2025"));
        Assert.True(published.Succeeded, published.Problem);
        Assert.Equal("provisional", published.Value!.Status);
        Assert.Contains(published.Value.Observations, o => o is { Subject: "20", Region: "100000", Value: 50m, Period: "2025" });
        Assert.Contains(published.Value.Observations, o => o is { Subject: "complaints_handled", Region: "110000", Value: 2m });

        // The plan's evaluation of no. 20 now reads the module's figure.
        var evaluation = await h.WithAsync<IPlanningFacade, EvaluationDocument>(p => p.EvaluateAsync(new DateOnly(2025, 11, 3), Region.NationalCode));
        var no20 = evaluation.Indicators.Single(i => i.No == 20);
        Assert.Equal((50d, "2025"), (no20.Latest!.Value, no20.Latest.Period));
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
