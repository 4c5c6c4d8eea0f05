using IctGov.Complaints.Contracts;
using IctGov.Complaints.Domain;
using IctGov.Complaints.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;

namespace IctGov.Complaints.Tests;

/// <summary>
/// The monitoring summary after a random workload on each engine: equal to a recount of the
/// complaints, giving indicator 20 exactly as the rule applied to every complaint, and the bulletin
/// and the dashboard's no. 20 as an independent computation from the complaints gives them.
/// </summary>
public class SummaryTests
{
    private static readonly string[] Regions = ["110000", "440000"];
    private static readonly string[] Operators = ["cm", "ct", "cu"];
    private static readonly string[] Companies = ["91110000MA01", "91440300X"];
    private static readonly string[] Urgency = ["red", "amber", "unknown", "green", "none"];

    [Theory, DatabaseData]
    public async Task Summary_AfterARandomWorkload_EqualsARecount_AndGivesIndicator20TheBulletinAndTheDashboard(DatabaseProvider provider)
    {
        await using var h = await WorkflowTests.StartAsync(provider, new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero));
        var random = new Random(16);
        var tokens = new Dictionary<long, string>();
        var phone = 13000000000L;
        var now = h.Clock.GetUtcNow();
        for (var step = 0; step < 70; step++)
        {
            now = now.AddDays(random.Next(1, 5));
            h.Clock.SetUtcNow(now);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                var telecom = random.Next(2) == 0;
                var intake = new ComplaintIntake(telecom ? "telecom" : "internet", Regions[random.Next(2)], telecom ? Operators[random.Next(3)] : Companies[random.Next(2)],
                    telecom ? null : "某互联网公司", Topics.All[random.Next(Topics.All.Count)].Code, "用户", (phone++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "某市某路1号", "100000", "请求", "事实", today.AddDays(-40), telecom ? today.AddDays(-25) : null, telecom ? "no_answer" : null);
                var r = await h.WithAsync<ComplaintService, Outcome<ComplaintReceipt>>(s => s.IntakeAsync(WorkflowTests.Ministry, intake, "api"));
                Assert.True(r.Succeeded, r.Problem);
                tokens[r.Value!.Complaint.Id] = r.Value.RatingToken;
            }
            var ids = tokens.Keys.ToList();
            for (var n = random.Next(3, 12); n > 0; n--)
            {
                var id = ids[random.Next(ids.Count)];
                var c = (await h.WithAsync<ComplaintService, Outcome<ComplaintView>>(s => s.GetAsync(WorkflowTests.Ministry, id))).Value!;
                // Mostly an action the state allows; now and then any action (refused, it changes nothing).
                var allowed = Actions.All.Where(a => Actions.Rule(a).From.Contains(c.State) && (a != Actions.MarkDuplicate || random.Next(4) == 0)).ToList();
                // The first allowed is the workflow's next step (accept, transfer, answer, mediate, close): taken more often.
                var roll = random.Next(10);
                var action = allowed.Count == 0 || roll == 0 ? Actions.All[random.Next(Actions.All.Count)] : roll < 6 ? allowed[0] : allowed[random.Next(allowed.Count)];
                if (c.State == States.Closed && random.Next(3) == 0)
                {
                    await h.WithAsync<ComplaintService, Outcome<ComplaintView>>(s => s.RateAsync(id, tokens[id], random.Next(1, 6)));
                    continue;
                }
                var actor = action == Actions.Answer ? new Actor("token:" + c.RespondentId, c.RespondentName, Role.Reporter, null, c.RespondentId, []) : WorkflowTests.Ministry;
                var request = new TransitionRequest("说明", Outcome: Outcomes.Closing[random.Next(Outcomes.Closing.Count)], DuplicateOf: ids[random.Next(ids.Count)]);
                await h.WithAsync<ComplaintService, Outcome<ComplaintView>>(s => s.TransitionAsync(actor, id, action, request));
            }
        }
        var asOf = DateOnly.FromDateTime(now.UtcDateTime);

        // The summary as kept through every write equals a recount of the complaints, and a rebuild.
        var recount = await h.WithAsync<ComplaintCounts, SummaryCells>(c => c.RecountAsync(default));
        var stored = await h.WithAsync<ComplaintCounts, SummaryCells>(c => c.StoredAsync(default));
        Assert.True(recount.Cells.Count > 20 && recount.Respondents.Count > 10 && recount.Due.Count > 5,
            $"{recount.Cells.Count} cells, {recount.Respondents.Count} respondent cells, {recount.Due.Count} deadline cells: the workload is too small to test anything");
        Assert.Equal(Totals(recount.Cells), Totals(stored.Cells));
        Assert.Equal(Totals(recount.Respondents), Totals(stored.Respondents));
        Assert.Equal(recount.Due.OrderBy(kv => kv.Key.ToString()), stored.Due.OrderBy(kv => kv.Key.ToString()));
        await h.WithAsync<ComplaintCounts, (int, int, int)>(c => c.RebuildAsync(default));
        var rebuilt = await h.WithAsync<ComplaintCounts, SummaryCells>(c => c.StoredAsync(default));
        Assert.Equal(Totals(recount.Cells), Totals(rebuilt.Cells));
        Assert.Equal(Totals(recount.Respondents), Totals(rebuilt.Respondents));
        Assert.Equal(recount.Due.Count, rebuilt.Due.Count);

        // Indicator 20 from the summary is the rule applied to every complaint, for any period and as-of date.
        foreach (var period in new[] { "2025", "2025-Q2", "2025-Q3", "2025-05", "2025-06" })
        {
            foreach (var on in new[] { asOf, asOf.AddDays(-20), new DateOnly(2025, 6, 10) })
            {
                var fromSummary = await h.WithAsync<ComplaintIndicators, IReadOnlyList<TimelinessFigure>>(i => i.TimelinessAsync(period, on));
                var fromComplaints = await h.WithAsync<ComplaintIndicators, IReadOnlyList<TimelinessFigure>>(i => i.TimelinessFromComplaintsAsync(period, on));
                Assert.Equal(fromComplaints, fromSummary);
            }
        }

        // An independent computation from the complaints themselves, written from docs/COMPLAINTS.md.
        var all = (await h.WithAsync<ComplaintService, Outcome<IReadOnlyList<ComplaintView>>>(s => s.ListAsync(WorkflowTests.Ministry, new ComplaintFilter(Limit: 100_000)))).Value!;
        var counted = all.Where(c => c.Kind == "internet" && c.State != "duplicate" && c.RespondentDue is { Year: 2025 } due && due < asOf
            && !(c.Outcome == "withdrawn" && c.ClosedOn <= due && c.RespondentAnsweredOn is null)).ToList();
        var onTime = counted.Count(c => c.RespondentAnsweredOn <= c.RespondentDue);
        Assert.True(counted.Count > 5, $"{counted.Count} Internet complaints due: too few to test indicator 20");
        var year = await h.WithAsync<ComplaintIndicators, IReadOnlyList<TimelinessFigure>>(i => i.TimelinessAsync("2025", asOf));
        Assert.Equal((counted.Count, onTime), ((int)year[0].Due, (int)year[0].OnTime));

        var bulletin = await h.WithAsync<ComplaintStatistics, BulletinFigures>(s => s.BulletinAsync(Period.OfYear(2025)));
        var received = all.Where(c => c.State != "duplicate").ToList();
        Assert.Equal(Topics.All.Select(t => (t.Code, (long)received.Count(c => c.Topic == t.Code))), bulletin.ByTopic.Select(t => (t.Key, t.Count)));
        Assert.Equal((received.Count, received.Count(c => c.State == "rejected"), received.Count(c => c.Outcome == "withdrawn"), received.Count(c => c.Rating is not null)),
            ((int)bulletin.Received, (int)bulletin.Rejected, (int)bulletin.Withdrawn, (int)bulletin.Provinces.Sum(p => p.Ratings)));
        var operators = received.Where(c => c.Kind == "telecom").GroupBy(c => c.RespondentId).OrderBy(g => g.Key)
            .Select(g => (g.Key, (long)g.Count(), (long)g.Count(c => c.State == "closed" && c.Outcome != "withdrawn"), (long)g.Count(c => c.State == "closed" && c.Outcome != "withdrawn" && c.ClosedOn <= c.AnswerDue)));
        Assert.Equal(operators, bulletin.Operators.OrderBy(o => o.Key).Select(o => (o.Key, o.Received, o.Handled, o.OnTime)));

        // The open complaints page: every open complaint counted by its clock, the most urgent listed first.
        var open = all.Where(c => States.Open.Contains(c.State)).ToList();
        var (byClock, red) = await h.WithAsync<ComplaintService, (IReadOnlyDictionary<string, long>, IReadOnlyList<ComplaintView>)>(s => s.OpenAsync(WorkflowTests.Ministry, null, "red", 10));
        Assert.Equal(open.GroupBy(c => c.Clock.State).Select(g => (g.Key, (long)g.Count())).OrderBy(x => x.Key), byClock.Select(kv => (kv.Key, kv.Value)).OrderBy(x => x.Key));
        Assert.True(byClock.GetValueOrDefault("red") > 0, "no overdue complaint: the workload does not test the urgent list");
        Assert.Equal(open.Where(c => c.Clock.State == "red").OrderBy(c => c.Clock.Due).ThenBy(c => c.Id).Take(10).Select(c => c.Id), red.Select(c => c.Id));
        var (_, first) = await h.WithAsync<ComplaintService, (IReadOnlyDictionary<string, long>, IReadOnlyList<ComplaintView>)>(s => s.OpenAsync(WorkflowTests.Ministry, null, null, 1000));
        Assert.Equal(open.Select(c => c.Id).Order(), first.Select(c => c.Id).Order());
        Assert.Equal(first.Select(c => c.Clock.State).Distinct(), Urgency.Where(byClock.ContainsKey));

        // Published, the dashboard's evaluation of no. 20 shows the independent figure.
        h.Clock.SetUtcNow(now.AddDays(1));
        var published = await h.WithAsync<ComplaintIndicators, Outcome<PublishedIndicator>>(i => i.PublishAsync(WorkflowTests.Ministry, "2025"));
        Assert.True(published.Succeeded, published.Problem);
        var evaluation = await h.WithAsync<IPlanningFacade, EvaluationDocument>(p => p.EvaluateAsync(asOf.AddDays(1), Region.NationalCode));
        var expected = Math.Round((double)onTime * 100 / counted.Count, 2, MidpointRounding.AwayFromZero);
        Assert.Equal((expected, "2025"), (evaluation.Indicators.Single(i => i.No == 20).Latest!.Value, evaluation.Indicators.Single(i => i.No == 20).Latest!.Period));
    }

    private static List<(string, string, long, long, long)> Totals<TCell>(Dictionary<TCell, CellTotals> cells) where TCell : notnull =>
        cells.Select(kv => (kv.Key.ToString()!, kv.Value.RespondentName, kv.Value.Complaints, kv.Value.Rated, kv.Value.RatingSum)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
}
