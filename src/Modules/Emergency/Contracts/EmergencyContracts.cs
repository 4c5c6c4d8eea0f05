namespace IctGov.Emergency.Contracts;

/// <summary>What one response level of a plan triggers.</summary>
/// <param name="Level">1–4 (I 特别严重 … IV 一般).</param>
/// <param name="Actions">The actions the level triggers.</param>
/// <param name="Reporters">Who reports: <c>operators</c>, <c>provinces</c> or both, comma-separated.</param>
/// <param name="ReportEveryMinutes">How often they report.</param>
public sealed record PlanLevel(int Level, string Actions, string Reporters, int ReportEveryMinutes);

/// <summary>An emergency plan (通信保障应急预案).</summary>
/// <param name="Tier">national, provincial, operator or city.</param>
public sealed record PlanView(long Id, string Code, string Tier, string OwnerUnit, string? Region, string Title, DateOnly Adopted, IReadOnlyList<PlanLevel> Levels);

/// <summary>A team member with one qualification; <paramref name="Expired"/> and <paramref name="ExpiresSoon"/> (within 30 days) flag it.</summary>
public sealed record MemberView(string Name, string Qualification, DateOnly? Expires, bool Expired, bool ExpiresSoon);

/// <summary>An emergency team with its members.</summary>
public sealed record TeamView(long Id, string Code, string Name, string OwnerUnit, string Region, string? Base, IReadOnlyList<MemberView> Members);

/// <summary>A piece of equipment, where it is and its state.</summary>
public sealed record EquipmentView(long Id, string Code, string Kind, string OwnerUnit, string Region, double? Lon, double? Lat, string State);

/// <summary>An incident as lists show it.</summary>
public sealed record IncidentView(long Id, string Code, string Type, string Title, int Level, IReadOnlyList<string> Regions, int ReportEveryMinutes,
    DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string State);

/// <summary>A reporting duty the incident activated.</summary>
public sealed record DutyView(string OperatorId, string Region, int EveryMinutes);

/// <summary>A base station named in a report.</summary>
public sealed record StationPoint(string Id, double Lon, double Lat, bool Out);

/// <summary>One operator's network state in one province at one time.</summary>
/// <param name="Revision">1 when first received; a resend with other figures corrects the same report and counts up.</param>
public sealed record ReportView(long Id, string OperatorId, string Area, DateTimeOffset At, int StationsOut, int StationsRestored, int AffectedUsers,
    int CableCuts, int CoreNodesDown, bool Congested, string? Counties, string Channel, DateTimeOffset ReceivedAt, int Revision);

/// <summary>What an intake did: how many reports were new, corrected or identical resends.</summary>
public sealed record IntakeReceipt(int Created, int Corrected, int Unchanged, IReadOnlyList<long> Ids);

/// <summary>Totals of the latest reports at a time, for one operator (or all: <c>*</c>) in one area (or all).</summary>
public sealed record Totals(int StationsOut, int StationsRestored, int AffectedUsers, int CableCuts, int CoreNodesDown, int CongestedAreas)
{
    /// <summary>No reports yet.</summary>
    public static readonly Totals Zero = new(0, 0, 0, 0, 0, 0);

    /// <summary>Two totals added.</summary>
    public Totals Add(Totals o) => new(StationsOut + o.StationsOut, StationsRestored + o.StationsRestored, AffectedUsers + o.AffectedUsers,
        CableCuts + o.CableCuts, CoreNodesDown + o.CoreNodesDown, CongestedAreas + o.CongestedAreas);
}

/// <summary>A reporting round: its start and the totals of the latest reports by its end.</summary>
public sealed record RoundFigure(int Round, DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, Totals> ByOperator, Totals All);

/// <summary>One province on the map: its seat and its outage totals.</summary>
public sealed record MapRegion(string Code, double Lon, double Lat, Totals Totals);

/// <summary>The map's data: outage points, provinces with totals, resources on the move.</summary>
public sealed record MapData(long IncidentId, DateTimeOffset At, IReadOnlyList<StationPoint> Stations, IReadOnlyList<MapRegion> Regions, IReadOnlyList<EquipmentView> Equipment);

/// <summary>A dispatch order and its progress.</summary>
public sealed record DispatchView(long Id, long IncidentId, long? TeamId, long? EquipmentId, string Resource, string OwnerUnit, string ToRegion, string Task, string State,
    DateTimeOffset IssuedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? Eta, DateTimeOffset? ArrivedAt, DateTimeOffset? ReleasedAt);

/// <summary>A province's request for support from another.</summary>
public sealed record SupportView(long Id, long IncidentId, string FromRegion, string ToRegion, string Need, string State, DateTimeOffset RequestedAt, string? Answer);

/// <summary>A public warning (CAP 1.2) as the lists show it.</summary>
public sealed record WarningView(long Id, string Identifier, long? IncidentId, string Sender, DateTimeOffset Sent, string Status, string MsgType, string Event,
    string Severity, string Headline, IReadOnlyList<string> Areas, string Origin, IReadOnlyList<WarningAck> Acks);

/// <summary>An operator's acknowledgement for one area.</summary>
public sealed record WarningAck(string OperatorId, string Area, DateTimeOffset At);

/// <summary>A line of an incident's timeline.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string ActorId, string Text);

/// <summary>Time from the peak to restoring 50%, 90% and 100% of the stations out at the peak (null: not reached).</summary>
public sealed record Restoration(int PeakOut, DateTimeOffset? PeakAt, TimeSpan? To50, TimeSpan? To90, TimeSpan? To100);

/// <summary>The after-action report of a closed (or still open) incident.</summary>
public sealed record AfterAction(IncidentView Incident, Restoration Restoration, Totals Final, int Reports, int Dispatches, int Warnings,
    IReadOnlyList<TimelineEntry> Timeline, string? Lessons);

/// <summary>One kind of supply in a stockpile; <c>BelowMinimum</c> when fewer than its minimum are there.</summary>
public sealed record StockItemView(string Item, decimal Quantity, decimal Minimum, bool BelowMinimum);

/// <summary>A stockpile (应急物资储备) with its supplies and the day they were last counted.</summary>
public sealed record StockpileView(long Id, string Code, string Name, string OwnerUnit, string Region, string? Site, double? Lon, double? Lat,
    DateOnly CheckedOn, IReadOnlyList<StockItemView> Items);

/// <summary>A drill (演练) as recorded.</summary>
public sealed record DrillView(long Id, string Code, string Title, string Kind, string PlanCode, int Level, string OwnerUnit, string Region, DateOnly Held,
    IReadOnlyList<string> Teams, int Participants, string? Findings);

/// <summary>A plan's drill record: its last drill and the day the next is due; <c>Overdue</c> once past it.</summary>
public sealed record PlanDrillStatus(string PlanCode, string Title, string OwnerUnit, DateOnly? LastDrill, DateOnly Due, bool Overdue);

/// <summary>A training record of a team member.</summary>
public sealed record TrainingView(long Id, string TeamCode, string Member, string Course, DateOnly Completed, decimal Hours, DateOnly? RenewedUntil);
