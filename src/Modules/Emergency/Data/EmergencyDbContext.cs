using Microsoft.EntityFrameworkCore;

namespace IctGov.Emergency.Data;

/// <summary>An emergency plan (通信保障应急预案) of one tier, owned by the unit that keeps it.</summary>
internal sealed class PlanRow
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Tier { get; set; }
    public required string OwnerUnit { get; set; }
    public string? Region { get; set; }
    public required string Title { get; set; }
    public DateOnly Adopted { get; set; }
}

/// <summary>What one response level of a plan triggers: its actions and who reports what, how often.</summary>
internal sealed class PlanLevelRow
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public int Level { get; set; }
    public required string Actions { get; set; }
    public required string Reporters { get; set; }
    public int ReportEveryMinutes { get; set; }
}

/// <summary>An emergency team (应急通信保障队伍).</summary>
internal sealed class TeamRow
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string OwnerUnit { get; set; }
    public required string Region { get; set; }
    public string? Base { get; set; }
}

/// <summary>A member of a team and one qualification with its expiry.</summary>
internal sealed class MemberRow
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public required string Name { get; set; }
    public required string Qualification { get; set; }
    public DateOnly? QualificationExpires { get; set; }
}

/// <summary>One piece of equipment with where it is and its state.</summary>
internal sealed class EquipmentRow
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Kind { get; set; }
    public required string OwnerUnit { get; set; }
    public required string Region { get; set; }
    public double? Lon { get; set; }
    public double? Lat { get; set; }
    public required string State { get; set; }
}

/// <summary>A stockpile of emergency supplies (应急物资储备) at one site, owned by a unit.</summary>
internal sealed class StockpileRow
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string OwnerUnit { get; set; }
    public required string Region { get; set; }
    public string? Site { get; set; }
    public double? Lon { get; set; }
    public double? Lat { get; set; }
    /// <summary>The day of the last stock count.</summary>
    public DateOnly CheckedOn { get; set; }
}

/// <summary>One kind of supply in a stockpile: what is there and the least that must be.</summary>
internal sealed class StockItemRow
{
    public long Id { get; set; }
    public long StockpileId { get; set; }
    public required string Item { get; set; }
    public decimal Quantity { get; set; }
    public decimal Minimum { get; set; }
}

/// <summary>A drill (演练) of a plan at one response level, with the teams that took part.</summary>
internal sealed class DrillRow
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public required string Kind { get; set; }
    public long PlanId { get; set; }
    public int Level { get; set; }
    public required string OwnerUnit { get; set; }
    public required string Region { get; set; }
    public DateOnly Held { get; set; }
    /// <summary>Teams that took part, comma-separated codes.</summary>
    public required string Teams { get; set; }
    public int Participants { get; set; }
    public string? Findings { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A training record of a team member; one that renews the member's qualification moves its expiry.</summary>
internal sealed class TrainingRow
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public required string Member { get; set; }
    public required string Course { get; set; }
    public DateOnly Completed { get; set; }
    public decimal Hours { get; set; }
    public DateOnly? RenewedUntil { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>An incident: what happened where, at which response level, and its lifecycle.</summary>
internal sealed class IncidentRow
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Type { get; set; }
    public required string Title { get; set; }
    public int Level { get; set; }
    /// <summary>Affected provinces, comma-separated GB/T 2260 codes.</summary>
    public required string Regions { get; set; }
    public long? PlanId { get; set; }
    public int ReportEveryMinutes { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public required string OpenedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Lessons { get; set; }
    public required string State { get; set; }
}

/// <summary>A reporting duty the incident's opening activated: one operator in one province.</summary>
internal sealed class DutyRow
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public required string OperatorId { get; set; }
    public required string Region { get; set; }
    public int EveryMinutes { get; set; }
}

/// <summary>One operator's network state in one area at one time; the key (incident, operator, area, at) is unique.</summary>
internal sealed class ReportRow
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public required string OperatorId { get; set; }
    public required string Area { get; set; }
    public DateTimeOffset At { get; set; }
    public int StationsOut { get; set; }
    public int StationsRestored { get; set; }
    public int AffectedUsers { get; set; }
    public int CableCuts { get; set; }
    public int CoreNodesDown { get; set; }
    public bool Congested { get; set; }
    public string? Counties { get; set; }
    public required string Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int Revision { get; set; }
}

/// <summary>A base station named in a report, with where it stands and whether it is out or back.</summary>
internal sealed class StationRow
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required string StationId { get; set; }
    public double Lon { get; set; }
    public double Lat { get; set; }
    public bool Out { get; set; }
}

/// <summary>A dispatch order (调度指令) to a team or a piece of equipment.</summary>
internal sealed class DispatchRow
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public long? TeamId { get; set; }
    public long? EquipmentId { get; set; }
    public required string ToRegion { get; set; }
    public required string Task { get; set; }
    public required string State { get; set; }
    public required string IssuedBy { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? Eta { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
}

/// <summary>A province's request for support from another province (跨省支援).</summary>
internal sealed class SupportRow
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public required string FromRegion { get; set; }
    public required string ToRegion { get; set; }
    public required string Need { get; set; }
    public required string State { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? Answer { get; set; }
}

/// <summary>A public warning as a CAP 1.2 message (built here or imported), with the XML kept as sent.</summary>
internal sealed class WarningRow
{
    public long Id { get; set; }
    public required string Identifier { get; set; }
    public long? IncidentId { get; set; }
    public required string Sender { get; set; }
    public DateTimeOffset Sent { get; set; }
    public required string Status { get; set; }
    public required string MsgType { get; set; }
    public required string Event { get; set; }
    public required string Severity { get; set; }
    public required string Headline { get; set; }
    /// <summary>Target provinces, comma-separated.</summary>
    public required string Areas { get; set; }
    public required string Origin { get; set; }
    public required string Xml { get; set; }
}

/// <summary>An operator's acknowledgement of a warning for one area (it has pushed it to its users there).</summary>
internal sealed class WarningAckRow
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public required string OperatorId { get; set; }
    public required string Area { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>One line of an incident's timeline.</summary>
internal sealed class TimelineRow
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string ActorId { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// The module's tables, prefixed with its name. One subclass per engine carries that engine's
/// migrations: `dotnet run --project tools/MigrationScaffolder -- Emergency Initial` writes both.
/// </summary>
internal abstract class EmergencyDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PlanRow> Plans => Set<PlanRow>();
    public DbSet<PlanLevelRow> PlanLevels => Set<PlanLevelRow>();
    public DbSet<TeamRow> Teams => Set<TeamRow>();
    public DbSet<MemberRow> Members => Set<MemberRow>();
    public DbSet<EquipmentRow> Equipment => Set<EquipmentRow>();
    public DbSet<StockpileRow> Stockpiles => Set<StockpileRow>();
    public DbSet<StockItemRow> StockItems => Set<StockItemRow>();
    public DbSet<DrillRow> Drills => Set<DrillRow>();
    public DbSet<TrainingRow> Training => Set<TrainingRow>();
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();
    public DbSet<DutyRow> Duties => Set<DutyRow>();
    public DbSet<ReportRow> Reports => Set<ReportRow>();
    public DbSet<StationRow> Stations => Set<StationRow>();
    public DbSet<DispatchRow> Dispatches => Set<DispatchRow>();
    public DbSet<SupportRow> Supports => Set<SupportRow>();
    public DbSet<WarningRow> Warnings => Set<WarningRow>();
    public DbSet<WarningAckRow> WarningAcks => Set<WarningAckRow>();
    public DbSet<TimelineRow> Timeline => Set<TimelineRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<PlanRow>(e =>
        {
            e.ToTable("emergency_plan");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            e.Property(x => x.Tier).HasColumnName("tier").HasMaxLength(16);
            e.Property(x => x.OwnerUnit).HasColumnName("owner_unit").HasMaxLength(64);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(400);
            e.Property(x => x.Adopted).HasColumnName("adopted");
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<PlanLevelRow>(e =>
        {
            e.ToTable("emergency_plan_level");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.Level).HasColumnName("level");
            e.Property(x => x.Actions).HasColumnName("actions").HasMaxLength(4000);
            e.Property(x => x.Reporters).HasColumnName("reporters").HasMaxLength(200);
            e.Property(x => x.ReportEveryMinutes).HasColumnName("report_every_minutes");
            e.HasIndex(x => new { x.PlanId, x.Level }).IsUnique();
        });
        b.Entity<TeamRow>(e =>
        {
            e.ToTable("emergency_team");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.OwnerUnit).HasColumnName("owner_unit").HasMaxLength(64);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Base).HasColumnName("base").HasMaxLength(200);
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<MemberRow>(e =>
        {
            e.ToTable("emergency_team_member");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.TeamId).HasColumnName("team_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.Qualification).HasColumnName("qualification").HasMaxLength(200);
            e.Property(x => x.QualificationExpires).HasColumnName("qualification_expires");
            e.HasIndex(x => x.TeamId);
        });
        b.Entity<EquipmentRow>(e =>
        {
            e.ToTable("emergency_equipment");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(32);
            e.Property(x => x.OwnerUnit).HasColumnName("owner_unit").HasMaxLength(64);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Lon).HasColumnName("lon");
            e.Property(x => x.Lat).HasColumnName("lat");
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16).IsConcurrencyToken(); // one order at a time takes it
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<StockpileRow>(e =>
        {
            e.ToTable("emergency_stockpile");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.OwnerUnit).HasColumnName("owner_unit").HasMaxLength(64);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Site).HasColumnName("site").HasMaxLength(200);
            e.Property(x => x.Lon).HasColumnName("lon");
            e.Property(x => x.Lat).HasColumnName("lat");
            e.Property(x => x.CheckedOn).HasColumnName("checked_on");
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<StockItemRow>(e =>
        {
            e.ToTable("emergency_stock_item");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.StockpileId).HasColumnName("stockpile_id");
            e.Property(x => x.Item).HasColumnName("item").HasMaxLength(32);
            e.Property(x => x.Quantity).HasColumnName("quantity").HasPrecision(14, 2);
            e.Property(x => x.Minimum).HasColumnName("minimum").HasPrecision(14, 2);
            e.HasIndex(x => new { x.StockpileId, x.Item }).IsUnique();
        });
        b.Entity<DrillRow>(e =>
        {
            e.ToTable("emergency_drill");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(400);
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.Level).HasColumnName("level");
            e.Property(x => x.OwnerUnit).HasColumnName("owner_unit").HasMaxLength(64);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Held).HasColumnName("held");
            e.Property(x => x.Teams).HasColumnName("teams").HasMaxLength(2000);
            e.Property(x => x.Participants).HasColumnName("participants");
            e.Property(x => x.Findings).HasColumnName("findings").HasMaxLength(8000);
            e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(200);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.PlanId, x.Held });
        });
        b.Entity<TrainingRow>(e =>
        {
            e.ToTable("emergency_training");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.TeamId).HasColumnName("team_id");
            e.Property(x => x.Member).HasColumnName("member").HasMaxLength(100);
            e.Property(x => x.Course).HasColumnName("course").HasMaxLength(200);
            e.Property(x => x.Completed).HasColumnName("completed");
            e.Property(x => x.Hours).HasColumnName("hours").HasPrecision(6, 1);
            e.Property(x => x.RenewedUntil).HasColumnName("renewed_until");
            e.Property(x => x.RecordedBy).HasColumnName("recorded_by").HasMaxLength(200);
            // One record per member, course and day: a resent record lands on the same row.
            e.HasIndex(x => new { x.TeamId, x.Member, x.Course, x.Completed }).IsUnique();
        });
        b.Entity<IncidentRow>(e =>
        {
            e.ToTable("emergency_incident");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(32);
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(400);
            e.Property(x => x.Level).HasColumnName("level");
            e.Property(x => x.Regions).HasColumnName("regions").HasMaxLength(300);
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.ReportEveryMinutes).HasColumnName("report_every_minutes");
            e.Property(x => x.OpenedAt).HasColumnName("opened_at");
            e.Property(x => x.OpenedBy).HasColumnName("opened_by").HasMaxLength(200);
            e.Property(x => x.ClosedAt).HasColumnName("closed_at");
            e.Property(x => x.Lessons).HasColumnName("lessons").HasMaxLength(8000);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<DutyRow>(e =>
        {
            e.ToTable("emergency_duty");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.OperatorId).HasColumnName("operator_id").HasMaxLength(64);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.EveryMinutes).HasColumnName("every_minutes");
            e.HasIndex(x => new { x.IncidentId, x.OperatorId, x.Region }).IsUnique();
        });
        b.Entity<ReportRow>(e =>
        {
            e.ToTable("emergency_report");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.OperatorId).HasColumnName("operator_id").HasMaxLength(64);
            e.Property(x => x.Area).HasColumnName("area").HasMaxLength(6);
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.StationsOut).HasColumnName("stations_out");
            e.Property(x => x.StationsRestored).HasColumnName("stations_restored");
            e.Property(x => x.AffectedUsers).HasColumnName("affected_users");
            e.Property(x => x.CableCuts).HasColumnName("cable_cuts");
            e.Property(x => x.CoreNodesDown).HasColumnName("core_nodes_down");
            e.Property(x => x.Congested).HasColumnName("congested");
            e.Property(x => x.Counties).HasColumnName("counties").HasMaxLength(2000);
            e.Property(x => x.Channel).HasColumnName("channel").HasMaxLength(8);
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
            e.Property(x => x.Revision).HasColumnName("revision");
            // The idempotency key: a resend lands on the same row, never a second one.
            e.HasIndex(x => new { x.IncidentId, x.OperatorId, x.Area, x.At }).IsUnique();
        });
        b.Entity<StationRow>(e =>
        {
            e.ToTable("emergency_report_station");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ReportId).HasColumnName("report_id");
            e.Property(x => x.StationId).HasColumnName("station_id").HasMaxLength(64);
            e.Property(x => x.Lon).HasColumnName("lon");
            e.Property(x => x.Lat).HasColumnName("lat");
            e.Property(x => x.Out).HasColumnName("out");
            e.HasIndex(x => x.ReportId);
        });
        b.Entity<DispatchRow>(e =>
        {
            e.ToTable("emergency_dispatch");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.TeamId).HasColumnName("team_id");
            e.Property(x => x.EquipmentId).HasColumnName("equipment_id");
            e.Property(x => x.ToRegion).HasColumnName("to_region").HasMaxLength(6);
            e.Property(x => x.Task).HasColumnName("task").HasMaxLength(2000);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16).IsConcurrencyToken();
            e.Property(x => x.IssuedBy).HasColumnName("issued_by").HasMaxLength(200);
            e.Property(x => x.IssuedAt).HasColumnName("issued_at");
            e.Property(x => x.AcknowledgedAt).HasColumnName("acknowledged_at");
            e.Property(x => x.Eta).HasColumnName("eta");
            e.Property(x => x.ArrivedAt).HasColumnName("arrived_at");
            e.Property(x => x.ReleasedAt).HasColumnName("released_at");
            e.HasIndex(x => x.IncidentId);
        });
        b.Entity<SupportRow>(e =>
        {
            e.ToTable("emergency_support_request");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.FromRegion).HasColumnName("from_region").HasMaxLength(6);
            e.Property(x => x.ToRegion).HasColumnName("to_region").HasMaxLength(6);
            e.Property(x => x.Need).HasColumnName("need").HasMaxLength(2000);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16).IsConcurrencyToken();
            e.Property(x => x.RequestedAt).HasColumnName("requested_at");
            e.Property(x => x.AnsweredAt).HasColumnName("answered_at");
            e.Property(x => x.Answer).HasColumnName("answer").HasMaxLength(2000);
            e.HasIndex(x => x.IncidentId);
        });
        b.Entity<WarningRow>(e =>
        {
            e.ToTable("emergency_warning");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Identifier).HasColumnName("identifier").HasMaxLength(200);
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.Sender).HasColumnName("sender").HasMaxLength(200);
            e.Property(x => x.Sent).HasColumnName("sent");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(x => x.MsgType).HasColumnName("msg_type").HasMaxLength(16);
            e.Property(x => x.Event).HasColumnName("event").HasMaxLength(200);
            e.Property(x => x.Severity).HasColumnName("severity").HasMaxLength(16);
            e.Property(x => x.Headline).HasColumnName("headline").HasMaxLength(400);
            e.Property(x => x.Areas).HasColumnName("areas").HasMaxLength(300);
            e.Property(x => x.Origin).HasColumnName("origin").HasMaxLength(16);
            e.Property(x => x.Xml).HasColumnName("xml").HasMaxLength(200_000);
            e.HasIndex(x => new { x.Sender, x.Identifier }).IsUnique();
            e.HasIndex(x => x.Sent);
        });
        b.Entity<WarningAckRow>(e =>
        {
            e.ToTable("emergency_warning_ack");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.WarningId).HasColumnName("warning_id");
            e.Property(x => x.OperatorId).HasColumnName("operator_id").HasMaxLength(64);
            e.Property(x => x.Area).HasColumnName("area").HasMaxLength(6);
            e.Property(x => x.At).HasColumnName("at");
            e.HasIndex(x => new { x.WarningId, x.OperatorId, x.Area }).IsUnique();
        });
        b.Entity<TimelineRow>(e =>
        {
            e.ToTable("emergency_timeline");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(32);
            e.Property(x => x.ActorId).HasColumnName("actor_id").HasMaxLength(200);
            e.Property(x => x.Text).HasColumnName("text").HasMaxLength(2000);
            e.HasIndex(x => new { x.IncidentId, x.At });
        });
    }
}

internal sealed class SqliteEmergencyDbContext(DbContextOptions<SqliteEmergencyDbContext> options) : EmergencyDbContext(options);

internal sealed class PostgresEmergencyDbContext(DbContextOptions<PostgresEmergencyDbContext> options) : EmergencyDbContext(options);
