using System.Text;
using IctGov.Complaints.Domain;
using IctGov.Complaints.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Planning.Contracts;

namespace IctGov.Complaints.Tests;

/// <summary>Indicator 19: fixed item weights, sample-size-weighted roll-up, intervals, intake and publication.</summary>
public class SatisfactionTests
{
    private static readonly SurveyDefinition Mobile = DefaultSurveys.All.Single(s => s.Code == "mobile");

    private static Dictionary<string, decimal> All(decimal score) => Mobile.Items.ToDictionary(i => i.Code, _ => score);

    [Fact]
    public void DefaultSurveys_WeightsArePositiveAndSumToOne() =>
        Assert.All(DefaultSurveys.All, s => Assert.Empty(s.Problems()));

    [Fact]
    public void ResponseIndex_IsTheWeightedMeanOfItemScoresTimesTen()
    {
        Assert.Equal(80d, Mobile.Index(All(8)), 6);
        var mixed = All(10);
        mixed["network"] = 5; // weight 0.30: 0.30 × 5 + 0.70 × 10 = 8.5
        Assert.Equal(85d, Mobile.Index(mixed), 6);
    }

    [Fact]
    public void ResponseCheck_NamesMissingOutOfRangeAndUnknownItems()
    {
        var scores = All(8);
        scores.Remove("privacy");
        scores["tariff"] = 11;
        scores["weather"] = 5;
        Assert.Equal(["tariff", "privacy", "weather"], Mobile.Check(4, scores).Select(e => e.Field));
    }

    [Fact]
    public void Interval_IsMeanPlusMinus196StandardErrors_FromTwoResponses()
    {
        var f = SatisfactionIndex.Of("national", "100000", [70d, 80d, 90d]);
        Assert.Equal((80d, 68.68, 91.32), (f.Index, f.Low!.Value, f.High!.Value));
        Assert.Null(SatisfactionIndex.Of("national", "100000", [75d]).Low);
    }

    [Fact]
    public void RollUp_WeighsEachGroupByItsSampleSize_NotMeanOfMeans()
    {
        ScoredResponse[] responses =
        [
            new("mobile", "mobile", "cm", "440000", 90), new("mobile", "mobile", "cm", "440000", 90), new("mobile", "mobile", "cm", "440000", 90),
            new("mobile", "mobile", "ct", "110000", 50),
        ];
        var figures = SatisfactionIndex.Compute(responses);
        Assert.Equal(80d, figures.Single(f => f.Scope == "national").Index); // (3 × 90 + 50) / 4, not (90 + 50) / 2
        Assert.Equal([("cm", 90d), ("ct", 50d)], figures.Where(f => f.Scope == "operator").Select(f => (f.Key, f.Index)));
    }

    [Theory, DatabaseData]
    public async Task Responses_RatingsAndPublication_MakeIndicator19Live(DatabaseProvider provider)
    {
        await using var h = await WorkflowTests.StartAsync(provider, new DateTimeOffset(2025, 11, 3, 2, 0, 0, TimeSpan.Zero));
        ResponseInput Response(string op, string region, decimal score) => new("mobile", op, region, new DateOnly(2025, 10, 20), All(score));

        var bad = await h.WithAsync<SatisfactionService, Outcome<int>>(s => s.SubmitAsync(WorkflowTests.Ministry,
            [Response("cm", "440000", 8), new("mobile", "xx", "440000", new DateOnly(2025, 10, 20), All(8)), Response("ct", "110000", 12)]));
        Assert.Equal([(2L, "operator"), (3L, "network"), (3L, "tariff"), (3L, "service"), (3L, "handling"), (3L, "privacy")], bad.Errors.Select(e => (e.Row, e.Field)));
        var notMine = await h.WithAsync<SatisfactionService, Outcome<int>>(s => s.SubmitAsync(WorkflowTests.Guangdong, [Response("ct", "110000", 8)]));
        Assert.Equal(OutcomeStatus.Forbidden, notMine.Status);
        Assert.Equal(0d, (await h.WithAsync<SatisfactionService, SatisfactionReport>(s => s.ComputeAsync(2025))).Figures.Count);

        Assert.Equal(3, (await h.WithAsync<SatisfactionService, Outcome<int>>(s => s.SubmitAsync(WorkflowTests.Ministry,
            [Response("cm", "440000", 9), Response("cm", "440000", 8), Response("ct", "110000", 7)]))).Value);
        // The same through CSV in long form: one row per item; a bad score names its file row.
        var csv = new StringBuilder("response,survey,operator,region,respondedOn,item,score\n");
        foreach (var item in Mobile.Items)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"r1,mobile,cu,440000,2025-10-21,{item.Code},{(item.Code == "privacy" ? "x" : "6")}\n");
        }
        var refused = await h.WithAsync<SatisfactionService, Outcome<int>>(s => s.ImportCsvAsync(WorkflowTests.Guangdong, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))));
        Assert.Equal([(6L, "score")], refused.Errors.Select(e => (e.Row, e.Field)));
        var imported = await h.WithAsync<SatisfactionService, Outcome<int>>(s => s.ImportCsvAsync(WorkflowTests.Guangdong,
            new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString().Replace(",x\n", ",6\n", StringComparison.Ordinal)))));
        Assert.Equal(1, imported.Value);

        // A rated telecom appeal adds an appeal-handling response, kept out of the index.
        var intake = AdmissibilityTests.Telecom(eventDate: new DateOnly(2025, 10, 1), complainedOn: new DateOnly(2025, 10, 2), response: "dissatisfied");
        var receipt = (await h.WithAsync<ComplaintService, Outcome<Contracts.ComplaintReceipt>>(s => s.IntakeAsync(IctGov.Kernel.Security.Actor.Anonymous, intake, "web"))).Value!;
        var id = receipt.Complaint.Id;
        await h.WithAsync<ComplaintService, Outcome<Contracts.ComplaintView>>(s => s.TransitionAsync(WorkflowTests.Guangdong, id, Actions.Accept, new()));
        await h.WithAsync<ComplaintService, Outcome<Contracts.ComplaintView>>(s => s.TransitionAsync(WorkflowTests.Guangdong, id, Actions.Close, new(Outcome: Outcomes.Resolved)));
        await h.WithAsync<ComplaintService, Outcome<Contracts.ComplaintView>>(s => s.RateAsync(id, receipt.RatingToken, 4));

        var report = await h.WithAsync<SatisfactionService, SatisfactionReport>(s => s.ComputeAsync(2025));
        var national = report.Figures[0];
        Assert.Equal((4L, 75d), (national.Responses, national.Index)); // (90 + 80 + 70 + 60) / 4
        Assert.Equal((1L, 75d), (report.ComplaintHandling[0].Responses, report.ComplaintHandling[0].Index)); // rating 4 → 7.5 → 75

        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<SatisfactionService, Outcome<IReadOnlyList<ObservationRecord>>>(s => s.PublishAsync(WorkflowTests.Guangdong, 2025))).Status);
        var published = await h.WithAsync<SatisfactionService, Outcome<IReadOnlyList<ObservationRecord>>>(s => s.PublishAsync(WorkflowTests.Ministry, 2025));
        Assert.True(published.Succeeded, published.Problem);
        Assert.Equal([("100000", 75m), ("110000", 70m), ("440000", 76.67m)], published.Value!.Select(o => (o.Region, o.Value)));
        var evaluation = await h.WithAsync<IPlanningFacade, EvaluationDocument>(p => p.EvaluateAsync(new DateOnly(2025, 11, 3), Region.NationalCode));
        Assert.Equal((75d, "2025"), (evaluation.Indicators.Single(i => i.No == 19).Latest!.Value, evaluation.Indicators.Single(i => i.No == 19).Latest!.Period));
    }
}
