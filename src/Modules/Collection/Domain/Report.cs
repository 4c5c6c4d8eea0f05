using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;

namespace IctGov.Collection.Domain;

/// <summary>Where a report stands in 部省联动 review.</summary>
internal enum ReportStatus
{
    /// <summary>Sent by the reporting unit; awaiting the province's review.</summary>
    Submitted = 1,
    /// <summary>Sent back by the province (or the ministry) with a reason; the unit may resubmit.</summary>
    Returned = 2,
    /// <summary>Approved by the province; locked for the unit, awaiting the ministry.</summary>
    ProvinceApproved = 3,
    /// <summary>Accepted by the ministry; locked. A change now needs a correction with a reason.</summary>
    Accepted = 4,
    /// <summary>Published by the ministry: the public sees it.</summary>
    Published = 5,
}

/// <summary>One step in a report's life, kept for the record.</summary>
internal sealed record ReportEvent(int Version, string Action, string ActorId, DateTimeOffset At, ReportStatus StatusAfter, string? Reason);

/// <summary>A set of values as they stood when accepted or published: kept when a correction replaces them.</summary>
internal sealed record ReportVintage(int Version, IReadOnlyDictionary<string, decimal> Values, DateOnly? PublishedOn);

/// <summary>
/// One unit's report of one data set for one region and period, through its review workflow.
/// Every transition checks who acts (scoping by <see cref="Actor"/>) and from which state; the
/// history and the earlier vintages are never rewritten.
/// </summary>
internal sealed class Report
{
    private readonly List<ReportEvent> _history = [];
    private readonly List<ReportVintage> _vintages = [];

    public Report(Guid id, string dataSetCode, string unitId, string regionCode, Period period)
    {
        Id = id;
        DataSetCode = dataSetCode;
        UnitId = unitId;
        RegionCode = regionCode;
        Period = period;
    }

    public Guid Id { get; }
    public string DataSetCode { get; }
    public string UnitId { get; }
    public string RegionCode { get; }
    public Period Period { get; }
    /// <summary>1 for the first submission; each correction of accepted data adds one.</summary>
    public int Version { get; private set; }
    public ReportStatus Status { get; private set; }
    public IReadOnlyDictionary<string, decimal> Values { get; private set; } = new Dictionary<string, decimal>();
    public IReadOnlyDictionary<string, string> Explanations { get; private set; } = new Dictionary<string, string>();
    public DateTimeOffset? FirstSubmittedAt { get; private set; }
    public bool Late { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public IReadOnlyList<ReportEvent> History => _history;
    public IReadOnlyList<ReportVintage> Vintages => _vintages;

    /// <summary>
    /// A reporting unit sends (or, after a return, resends) its values. Values must already have
    /// passed <see cref="Validation"/>. Lateness is judged on the first submission against the
    /// data set's deadline.
    /// </summary>
    public Outcome<Report> Submit(Actor actor, DataSet dataSet, IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<string, string> explanations, DateTimeOffset now)
    {
        if (!actor.CanSubmit(UnitId, RegionCode))
        {
            return Refuse(actor.Refusal, $"{actor.Name} may not report for unit {UnitId} in region {RegionCode}");
        }
        if (!dataSet.Collects(Period))
        {
            return Refuse(OutcomeStatus.Unprocessable, $"{dataSet.Code} does not collect period {Period}");
        }
        if (Version > 0 && Status != ReportStatus.Returned)
        {
            return Refuse(OutcomeStatus.Conflict, Status == ReportStatus.Submitted
                ? "already submitted and awaiting review"
                : $"the report is {Status} and locked: a change needs a correction with a reason");
        }
        if (Version == 0)
        {
            Version = 1;
            FirstSubmittedAt = now;
            Late = ChinaCalendar.ToChinaDate(now) > dataSet.Deadline(Period); // a deadline ends at 24:00 Beijing time
        }
        Values = new Dictionary<string, decimal>(values);
        Explanations = new Dictionary<string, string>(explanations);
        return Move(actor, "submit", ReportStatus.Submitted, null, now);
    }

    /// <summary>The province approves a submission from its own region.</summary>
    public Outcome<Report> Approve(Actor actor, DateTimeOffset now)
    {
        // The national total has no province above it: the ministry reviews it itself.
        if (!(actor.CanReview(RegionCode) || (RegionCode == Region.NationalCode && actor.Role == Role.MinistryAdmin)))
        {
            return Refuse(actor.Refusal, $"only the communications administration of region {RegionCode} reviews this report");
        }
        return Status != ReportStatus.Submitted
            ? Refuse(OutcomeStatus.Conflict, $"only a submitted report can be approved; this one is {Status}")
            : Move(actor, "approve", ReportStatus.ProvinceApproved, null, now);
    }

    /// <summary>The province returns a submission, or the ministry returns a province-approved one; a reason is required.</summary>
    public Outcome<Report> Return(Actor actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refuse(OutcomeStatus.Unprocessable, "a return needs a reason the reporting unit can act on");
        }
        var allowed = (Status == ReportStatus.Submitted && actor.CanReview(RegionCode))
            || (Status == ReportStatus.ProvinceApproved && actor.Role == Role.MinistryAdmin);
        if (!allowed)
        {
            return actor.CanReview(RegionCode) || actor.Role == Role.MinistryAdmin
                ? Refuse(OutcomeStatus.Conflict, $"a {Status} report cannot be returned by {actor.Role}")
                : Refuse(actor.Refusal, $"{actor.Name} may not review reports of region {RegionCode}");
        }
        return Move(actor, "return", ReportStatus.Returned, reason, now);
    }

    /// <summary>The ministry accepts a province-approved report; it is then locked.</summary>
    public Outcome<Report> Accept(Actor actor, DateTimeOffset now)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Refuse(actor.Refusal, "only the ministry accepts reports");
        }
        if (Status != ReportStatus.ProvinceApproved)
        {
            return Refuse(OutcomeStatus.Conflict, $"only a province-approved report can be accepted; this one is {Status}");
        }
        _vintages.Add(new ReportVintage(Version, Values, null));
        return Move(actor, "accept", ReportStatus.Accepted, null, now);
    }

    /// <summary>The ministry publishes an accepted report; from then on the public sees its values.</summary>
    public Outcome<Report> Publish(Actor actor, DateTimeOffset now)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Refuse(actor.Refusal, "only the ministry publishes figures");
        }
        if (Status != ReportStatus.Accepted)
        {
            return Refuse(OutcomeStatus.Conflict, $"only an accepted report can be published; this one is {Status}");
        }
        PublishedOn = ChinaCalendar.ToChinaDate(now);
        _vintages[^1] = _vintages[^1] with { PublishedOn = PublishedOn };
        return Move(actor, "publish", ReportStatus.Published, null, now);
    }

    /// <summary>
    /// Reopens locked (accepted or published) data with corrected values and a reason. The values
    /// as accepted stay in <see cref="Vintages"/>, so an evaluation as of an earlier date still
    /// reproduces what was known then; the correction goes through review again.
    /// </summary>
    public Outcome<Report> Correct(Actor actor, IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<string, string> explanations, string reason, DateTimeOffset now)
    {
        if (!(actor.CanSubmit(UnitId, RegionCode) || actor.Role == Role.MinistryAdmin))
        {
            return Refuse(actor.Refusal, $"{actor.Name} may not correct reports of unit {UnitId} in region {RegionCode}");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refuse(OutcomeStatus.Unprocessable, "a correction needs a reason");
        }
        if (Status is not (ReportStatus.Accepted or ReportStatus.Published))
        {
            return Refuse(OutcomeStatus.Conflict, $"only accepted or published data is corrected; a {Status} report is changed by resubmitting");
        }
        Version++;
        Values = new Dictionary<string, decimal>(values);
        Explanations = new Dictionary<string, string>(explanations);
        return Move(actor, "correct", ReportStatus.Submitted, reason, now);
    }

    private Outcome<Report> Move(Actor actor, string action, ReportStatus to, string? reason, DateTimeOffset now)
    {
        Status = to;
        _history.Add(new ReportEvent(Version, action, actor.Id, now, to, reason));
        return Outcome.Ok(this);
    }

    private static Outcome<Report> Refuse(OutcomeStatus status, string why) => Outcome.Refused<Report>(status, why);

    /// <summary>Rebuilds a report from storage; the persisted history is replayed as it was.</summary>
    internal static Report Restore(Guid id, string dataSetCode, string unitId, string regionCode, Period period, int version, ReportStatus status,
        IReadOnlyDictionary<string, decimal> values, IReadOnlyDictionary<string, string> explanations, DateTimeOffset? firstSubmittedAt, bool late,
        DateOnly? publishedOn, IEnumerable<ReportEvent> history, IEnumerable<ReportVintage> vintages)
    {
        var r = new Report(id, dataSetCode, unitId, regionCode, period)
        {
            Version = version, Status = status, Values = values, Explanations = explanations,
            FirstSubmittedAt = firstSubmittedAt, Late = late, PublishedOn = publishedOn,
        };
        r._history.AddRange(history);
        r._vintages.AddRange(vintages);
        return r;
    }
}
