using System.Text.Json;
using IctGov.Collection.Domain;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Planning.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Collection.Features;

/// <summary>A submission from any channel (form, file, JSON): the same rules apply to all.</summary>
/// <param name="CorrectionReason">Set to correct accepted or published data; required for that.</param>
internal sealed record SubmitCommand(string DataSet, string Unit, string Region, string Period, IReadOnlyList<ReportedValue> Values,
    IReadOnlyDictionary<string, string> Explanations, string? CorrectionReason = null);

/// <summary>What a period's publication did: reports published, observations handed to the plan.</summary>
internal sealed record PublishSummary(int Reports, int Observations);

/// <summary>What a signed-in user has to do in the reporting workflow; see <see cref="ReportService.WorkAsync"/>.</summary>
internal sealed record ReportingWork(IReadOnlyList<Report> ToReview, IReadOnlyList<Report> Mine, IReadOnlyList<DueReport> Due, IReadOnlyList<OverdueUnit> Overdue);

/// <summary>A report the user's unit owes: the data set's reporting period in one of its regions, not yet submitted.</summary>
internal sealed record DueReport(DataSet DataSet, Period Period, string Region, DateOnly Deadline, bool Overdue);

/// <summary>A unit that has not reported a data set's period by its deadline.</summary>
internal sealed record OverdueUnit(DataSet DataSet, Period Period, string UnitId, string Region, DateOnly Deadline);

/// <summary>A published regional total, as the public sees it.</summary>
internal sealed record PublishedFigure(string Region, string Element, decimal Value, int Units, DateOnly PublishedOn);

/// <summary>
/// The reporting workflow as the platform runs it: who acts comes from <see cref="IActorAccessor"/>,
/// every write and decision is appended to the audit log in the same transaction, and publication
/// hands regional totals to the plan's observations.
/// </summary>
internal sealed class ReportService(ReportStore store, IActorAccessor actors, IAuditLog audit, IObservationRecorder recorder,
    ICatalogueReader catalogue, IOrganisationDirectory organisation, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The report's id once the submission is in the workflow, or every problem (rules broken: 422).</summary>
    public async Task<Outcome<Guid>> SubmitAsync(SubmitCommand cmd, CancellationToken ct)
    {
        var actor = actors.Current;
        if (await store.DataSetAsync(cmd.DataSet, ct) is not { } dataSet)
        {
            return Outcome.Refused<Guid>(OutcomeStatus.NotFound, $"no data set '{cmd.DataSet}'");
        }
        if (!Period.TryParse(cmd.Period, out var period))
        {
            return Broken(new RowError(0, "period", $"'{cmd.Period}' is not a period: expected YYYY, YYYY-Qn or YYYY-MM") { Rule = "period" });
        }
        if (!Regions.TryGet(cmd.Region, out var region))
        {
            return Broken(new RowError(0, "region", $"'{cmd.Region}' is not a GB/T 2260 code") { Rule = "region" });
        }
        // Scope first: whoever may not report here learns nothing about the data from validation messages.
        if (!actor.CanSubmit(cmd.Unit, region.Code) && !(cmd.CorrectionReason is not null && actor.Role == Role.MinistryAdmin))
        {
            return Outcome.Refused<Guid>(actor.Refusal, $"{actor.Name} may not report for unit {cmd.Unit} in region {region.Code}");
        }

        var previous = await store.FindAsync(dataSet.Code, cmd.Unit, region.Code, period.Previous(), ct);
        // The previous period as last accepted is the reference for the cumulative and jump rules.
        var previousValues = previous is { Vintages.Count: > 0 } ? previous.Vintages[^1].Values : new Dictionary<string, decimal>();
        var errors = Validation.Validate(dataSet, cmd.Values, previousValues, cmd.Explanations);
        if (errors.Count > 0)
        {
            return Broken([.. errors]);
        }

        var values = cmd.Values.ToDictionary(v => v.Element, v => v.Value);
        var report = await store.FindAsync(dataSet.Code, cmd.Unit, region.Code, period, ct)
            ?? new Report(Guid.NewGuid(), dataSet.Code, cmd.Unit, region.Code, period);
        var before = Snapshot(report);
        var now = clock.GetUtcNow();
        var outcome = cmd.CorrectionReason is { } reason
            ? report.Correct(actor, values, cmd.Explanations, reason, now)
            : report.Submit(actor, dataSet, values, cmd.Explanations, now);
        if (!outcome.Succeeded)
        {
            return outcome.Cast<Guid>();
        }
        await SaveWithAuditAsync(report, actor, cmd.CorrectionReason is null ? "report.submit" : "report.correct", before, ct);
        return Outcome.Ok(report.Id);
    }

    private static Outcome<Guid> Broken(params RowError[] errors) =>
        Outcome.Refused<Guid>(OutcomeStatus.Unprocessable, $"the report breaks {errors.Length} rule(s); nothing was written", errors);

    /// <summary>approve, return, accept (and publish through <see cref="PublishPeriodAsync"/>).</summary>
    public async Task<Outcome<Report>> TransitionAsync(Guid id, string action, string? reason, CancellationToken ct)
    {
        var actor = actors.Current;
        if (await store.FindAsync(id, ct) is not { } report || !CanSee(actor, report))
        {
            return Outcome.Refused<Report>(OutcomeStatus.NotFound, "no such report");
        }
        var before = Snapshot(report);
        var now = clock.GetUtcNow();
        var outcome = action switch
        {
            "approve" => report.Approve(actor, now),
            "return" => report.Return(actor, reason ?? "", now),
            "accept" => report.Accept(actor, now),
            _ => Outcome.Refused<Report>(OutcomeStatus.Unprocessable, $"unknown action '{action}': expected approve, return or accept"),
        };
        if (outcome.Succeeded)
        {
            await SaveWithAuditAsync(report, actor, "report." + action, before, ct);
        }
        return outcome;
    }

    /// <summary>
    /// The ministry publishes a data set's accepted reports for a period. Each region's total of
    /// every element the plan catalogue knows is recorded as an observation published today —
    /// <c>final</c> when every unit due in that region is included, else <c>provisional</c>, and
    /// <c>revised</c> when a correction changed a published figure — so evaluations see it from today on.
    /// </summary>
    public async Task<Outcome<PublishSummary>> PublishPeriodAsync(string dataSetCode, string periodText, CancellationToken ct)
    {
        var actor = actors.Current;
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<PublishSummary>(actor.Refusal, "only the ministry publishes figures");
        }
        if (await store.DataSetAsync(dataSetCode, ct) is not { } dataSet || !Period.TryParse(periodText, out var period))
        {
            return Outcome.Refused<PublishSummary>(OutcomeStatus.NotFound, $"no data set '{dataSetCode}' or bad period '{periodText}'");
        }
        var toPublish = await store.ListAsync(dataSet.Code, period, [ReportStatus.Accepted], ct);
        if (toPublish.Count == 0)
        {
            return Outcome.Refused<PublishSummary>(OutcomeStatus.Conflict, "no accepted report to publish for this period");
        }
        var alreadyPublished = await store.ListAsync(dataSet.Code, period, [ReportStatus.Published], ct);
        var now = clock.GetUtcNow();
        var today = ChinaCalendar.ToChinaDate(now); // the publication date (in Beijing) of the figures handed to the plan

        // Figures go to the plan first: if that is refused nothing changes here, and if saving here
        // failed afterwards a retry records the same figures again, which the recorder treats as a repeat.
        var known = (await catalogue.ListAsync(ct)).Where(e => e.Kind == "element").Select(e => e.Key).ToHashSet();
        var units = await organisation.ListAsync(ct);
        // Only regions with something new are recorded again (with everything published there so far).
        var touched = toPublish.Select(r => r.RegionCode).ToHashSet();
        var records = RegionFigures(dataSet, toPublish.Concat(alreadyPublished.Where(r => touched.Contains(r.RegionCode))).ToList(), units)
            .Where(f => known.Contains(f.Element))
            .Select(f => new ObservationRecord(f.Element, f.Region, period.ToString(), f.Value,
                f.Revised ? "revised" : f.Complete ? "final" : "provisional", today, $"{dataSet.Code} ({f.Source})"))
            .ToList();
        var recorded = await recorder.RecordAsync(records, $"collection:{dataSet.Code}:{period}", ct);
        if (!recorded.Succeeded)
        {
            return Outcome.Refused<PublishSummary>(OutcomeStatus.Conflict, "the plan's observations refused the figures: " + string.Join("; ", recorded.Describe()), recorded.Errors);
        }

        // The period is published whole or not at all.
        await using (var tx = await store.Db.Database.BeginTransactionAsync(ct))
        {
            foreach (var full in toPublish)
            {
                var report = (await store.FindAsync(full.Id, ct))!;
                var before = Snapshot(report);
                var outcome = report.Publish(actor, now);
                if (!outcome.Succeeded)
                {
                    return outcome.Cast<PublishSummary>(); // disposing the transaction rolls back what this loop saved
                }
                await SaveAndAuditAsync(report, actor, "report.publish", before, tx.GetDbTransaction(), ct);
            }
            await tx.CommitAsync(ct);
        }
        return Outcome.Ok(new PublishSummary(toPublish.Count, recorded.Value!.Inserted));
    }

    /// <summary>One report with its history, if the actor may read it (else null, as if it did not exist).</summary>
    public async Task<Report?> GetAsync(Guid id, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } report && CanSee(actors.Current, report) ? report : null;

    /// <summary>Reports of a period that the actor may read: the ministry all, a province its region, a reporter its unit.</summary>
    public async Task<IReadOnlyList<Report>> ListAsync(string dataSet, Period period, CancellationToken ct)
    {
        var actor = actors.Current;
        var all = await store.ListAsync(dataSet, period, null, ct);
        return all.Where(r => CanSee(actor, r)).ToList();
    }

    public async Task<IReadOnlyList<Discrepancy>> ReconcileAsync(DataSet dataSet, Period period, decimal tolerance, CancellationToken ct)
    {
        var actor = actors.Current;
        var reports = (await store.ListAsync(dataSet.Code, period, [ReportStatus.ProvinceApproved, ReportStatus.Accepted, ReportStatus.Published], ct))
            .Where(r => actor.CanReadUnpublished(r.RegionCode) || actor.Role == Role.MinistryAdmin).ToList();
        var units = (await organisation.ListAsync(ct)).ToDictionary(u => u.Id);
        return Reconciliation.Check(dataSet, reports,
            u => units.TryGetValue(u, out var x) && x.Kind == "ProvinceAdministration",
            u => units.TryGetValue(u, out var x) && x.Kind == "Ministry", tolerance)
            .Where(d => actor.Role == Role.MinistryAdmin || actor.CanReadUnpublished(d.RegionCode)).ToList();
    }

    public async Task<IReadOnlyList<TimelinessRow>> TimelinessAsync(DataSet dataSet, Period period, CancellationToken ct)
    {
        var actor = actors.Current;
        var expected = (await organisation.ListAsync(ct))
            .Where(u => dataSet.ReporterKinds.Contains(u.Kind) && u.RegionCode is not null)
            .Where(u => actor.Role == Role.MinistryAdmin || actor.CanReadUnpublished(u.RegionCode!))
            .Select(u => (u.Id, u.RegionCode!)).ToList();
        var reports = await store.ListAsync(dataSet.Code, period, null, ct);
        return Timeliness.For(dataSet, period, expected, reports);
    }

    /// <summary>
    /// The signed-in user's reporting work (报送工作台): reports waiting for their decision — a province's
    /// submitted reports, the ministry's province-approved ones —, their own unit's reports, what their
    /// unit still owes, and, for administrations, the units overdue in each data set's reporting period.
    /// </summary>
    public async Task<ReportingWork> WorkAsync(CancellationToken ct)
    {
        var actor = actors.Current;
        var today = ChinaCalendar.ToChinaDate(clock.GetUtcNow());
        var toReview = actor.Role switch
        {
            Role.ProvinceAdmin when actor.RegionCode is { } region => await store.ListInStatusAsync(ReportStatus.Submitted, region, ct),
            Role.MinistryAdmin => await store.ListInStatusAsync(ReportStatus.ProvinceApproved, null, ct),
            _ => [],
        };
        var mine = actor.UnitId is { } unit ? await store.ListOfUnitAsync(unit, 100, ct) : [];
        var units = await organisation.ListAsync(ct);
        var myKind = units.FirstOrDefault(u => u.Id == actor.UnitId)?.Kind;
        var due = new List<DueReport>();
        var overdue = new List<OverdueUnit>();
        foreach (var dataSet in await store.DataSetsAsync(ct))
        {
            if (dataSet.ReportingPeriod(today) is not { } period)
            {
                continue;
            }
            if (myKind is not null && dataSet.ReporterKinds.Contains(myKind))
            {
                foreach (var region in ReportingRegions(actor).Where(r => !mine.Any(m => m.DataSetCode == dataSet.Code && m.Period == period && m.RegionCode == r && m.FirstSubmittedAt is not null)))
                {
                    due.Add(new DueReport(dataSet, period, region, dataSet.Deadline(period), dataSet.Deadline(period) < today));
                }
            }
            if (actor.Role is Role.ProvinceAdmin or Role.MinistryAdmin)
            {
                overdue.AddRange((await TimelinessAsync(dataSet, period, ct)).Where(r => r.Overdue(today))
                    .Select(r => new OverdueUnit(dataSet, period, r.UnitId, r.RegionCode, r.Deadline)));
            }
        }
        return new ReportingWork(toReview, mine, due, overdue);
    }

    /// <summary>The regions the actor's own unit reports for (as <see cref="Actor.CanSubmit"/> allows).</summary>
    internal static IReadOnlyList<string> ReportingRegions(Actor actor) => actor.Role switch
    {
        Role.Reporter => actor.Regions,
        Role.ProvinceAdmin when actor.RegionCode is { } r => [r],
        Role.MinistryAdmin => [Region.NationalCode],
        _ => [],
    };

    /// <summary>
    /// One decision on several reports (the reviewer ticks them): each is decided, saved and audited on its own,
    /// as if decided one by one, so one refusal does not hold back the others; the refusals are returned by report.
    /// </summary>
    public async Task<(int Done, IReadOnlyList<(Guid Id, string Problem)> Refused)> TransitionManyAsync(IReadOnlyList<Guid> ids, string action, CancellationToken ct)
    {
        var done = 0;
        var refused = new List<(Guid, string)>();
        foreach (var id in ids.Distinct())
        {
            var outcome = await TransitionAsync(id, action, null, ct);
            if (outcome.Succeeded)
            {
                done++;
            }
            else
            {
                refused.Add((id, outcome.Problem ?? outcome.Status.ToString()));
            }
        }
        return (done, refused);
    }

    /// <summary>What the public may see: regional totals of published reports only.</summary>
    public async Task<IReadOnlyList<PublishedFigure>> PublishedAsync(DataSet dataSet, Period period, CancellationToken ct)
    {
        var published = await store.ListAsync(dataSet.Code, period, [ReportStatus.Published], ct);
        return RegionFigures(dataSet, published, await organisation.ListAsync(ct))
            .Select(f => new PublishedFigure(f.Region, f.Element, f.Value, f.Units, f.PublishedOn ?? DateOnly.MinValue))
            .OrderBy(f => f.Region).ThenBy(f => f.Element).ToList();
    }

    private sealed record RegionFigure(string Region, string Element, decimal Value, int Units, bool Complete, bool Revised, string Source, DateOnly? PublishedOn);

    /// <summary>
    /// Each region's figure per additive element: the administration's own compiled total where it
    /// reported one (a province's 通信管理局, the ministry nationally), otherwise the sum of the
    /// reporting units — complete when every unit due in the region is included.
    /// </summary>
    private static List<RegionFigure> RegionFigures(DataSet dataSet, IReadOnlyList<Report> reports, IReadOnlyList<OrganisationUnit> units)
    {
        var kinds = units.ToDictionary(u => u.Id, u => u.Kind);
        bool IsTotal(string unit) => kinds.GetValueOrDefault(unit) is "ProvinceAdministration" or "Ministry";
        var figures = new List<RegionFigure>();
        foreach (var group in reports.GroupBy(r => r.RegionCode))
        {
            var due = units.Where(u => dataSet.ReporterKinds.Contains(u.Kind) && u.RegionCode == group.Key).Select(u => u.Id).ToHashSet();
            var parts = group.Where(r => !IsTotal(r.UnitId)).ToList();
            var complete = due.Count > 0 && due.IsSubsetOf(parts.Select(r => r.UnitId));
            foreach (var element in dataSet.Elements.Where(e => e.Additive))
            {
                var total = group.FirstOrDefault(r => IsTotal(r.UnitId) && r.Values.ContainsKey(element.Key));
                if (total is not null)
                {
                    figures.Add(new RegionFigure(group.Key, element.Key, total.Values[element.Key], 1, true, total.Version > 1, total.UnitId, total.PublishedOn));
                    continue;
                }
                var reporting = parts.Where(r => r.Values.ContainsKey(element.Key)).ToList();
                if (reporting.Count > 0)
                {
                    figures.Add(new RegionFigure(group.Key, element.Key, reporting.Sum(r => r.Values[element.Key]), reporting.Count, complete,
                        reporting.Any(r => r.Version > 1), $"{reporting.Count} units", reporting.Max(r => r.PublishedOn)));
                }
            }
        }
        return figures;
    }

    private static bool CanSee(Actor actor, Report r) =>
        actor.Role == Role.MinistryAdmin || actor.CanReview(r.RegionCode) || (actor.Role == Role.Reporter && actor.UnitId == r.UnitId && actor.Regions.Contains(r.RegionCode));

    private async Task SaveWithAuditAsync(Report report, Actor actor, string action, string? before, CancellationToken ct)
    {
        await using var tx = await store.Db.Database.BeginTransactionAsync(ct);
        await SaveAndAuditAsync(report, actor, action, before, tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
    }

    private async Task SaveAndAuditAsync(Report report, Actor actor, string action, string? before, System.Data.Common.DbTransaction tx, CancellationToken ct)
    {
        await store.SaveAsync(report, ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, action, "report", report.Id.ToString(), before, Snapshot(report), report.RegionCode), tx, ct);
    }

    private static string? Snapshot(Report r) => r.Version == 0 ? null : JsonSerializer.Serialize(new
    {
        r.DataSetCode, r.UnitId, r.RegionCode, Period = r.Period.ToString(), r.Version, Status = r.Status.ToString(), r.Values, r.Explanations,
    }, Json);
}
