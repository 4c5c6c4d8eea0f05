using Microsoft.EntityFrameworkCore;

namespace IctGov.Complaints.Data;

/// <summary>One complaint (telecom appeal or Internet complaint) with its clocks and outcome.</summary>
internal sealed class ComplaintRow
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Region { get; set; }
    public required string RespondentId { get; set; }
    public required string RespondentName { get; set; }
    public required string Topic { get; set; }
    public required string Channel { get; set; }
    public required string UserName { get; set; }
    public required string UserPhone { get; set; }
    public required string UserAddress { get; set; }
    public required string UserPostcode { get; set; }
    public required string Claim { get; set; }
    public required string Facts { get; set; }
    public DateOnly EventDate { get; set; }
    public DateOnly? OperatorComplainedOn { get; set; }
    public string? OperatorResponse { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string State { get; set; }
    public DateOnly? AcceptanceDue { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? RejectionReason { get; set; }
    public DateOnly? AnswerDue { get; set; }
    public DateOnly? TransferredOn { get; set; }
    public DateOnly? RespondentDue { get; set; }
    public DateOnly? RespondentAnsweredOn { get; set; }
    public string? RespondentAnswer { get; set; }
    public DateOnly? MediationOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public string? Outcome { get; set; }
    public string? ClosingNote { get; set; }
    public long? DuplicateOf { get; set; }
    public int? Rating { get; set; }
    public DateOnly? RatedOn { get; set; }
    public required string RatingTokenHash { get; set; }
}

/// <summary>One transition of a complaint's workflow (the audit log holds the same, hash-chained).</summary>
internal sealed class ComplaintEventRow
{
    public long Id { get; set; }
    public long ComplaintId { get; set; }
    public DateTimeOffset At { get; set; }
    public DateOnly Day { get; set; }
    public required string ActorId { get; set; }
    public required string Action { get; set; }
    public required string FromState { get; set; }
    public required string ToState { get; set; }
    public string? Note { get; set; }
}

/// <summary>A survey definition with its items and fixed weights (JSON), so every figure can be recomputed with the weights it used.</summary>
internal sealed class SurveyRow
{
    public required string Code { get; set; }
    public required string Service { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public bool InIndex { get; set; }
    public required string ItemsJson { get; set; }
}

/// <summary>One survey response: its item scores (JSON, 0–10) and its index (0–100).</summary>
internal sealed class SurveyResponseRow
{
    public long Id { get; set; }
    public required string SurveyCode { get; set; }
    public required string OperatorId { get; set; }
    public required string Region { get; set; }
    public DateOnly RespondedOn { get; set; }
    public required string Source { get; set; }
    public long? ComplaintId { get; set; }
    public required string ScoresJson { get; set; }
    public double IndexValue { get; set; }
}

/// <summary>
/// One cell of the monitoring summary: complaints received in a month with the same region, kind,
/// topic, state, outcome and flags (docs/COMPLAINTS.md "Monitoring summary").
/// Changed in the transaction of every intake, transition and rating; rebuilt from the complaints on demand.
/// </summary>
internal sealed class ComplaintCountRow
{
    public DateOnly Month { get; set; }
    public required string Region { get; set; }
    public required string Kind { get; set; }
    public required string Topic { get; set; }
    public required string State { get; set; }
    public required string Outcome { get; set; }
    public bool Decided { get; set; }
    public bool Handled { get; set; }
    public bool OnTime { get; set; }
    public long Complaints { get; set; }
    public long Rated { get; set; }
    public long RatingSum { get; set; }
}

/// <summary>
/// One cell of the respondents' summary: complaints (duplicates left out) received in a month against
/// one respondent in one region, handled or not, on time or not, with their ratings and the
/// respondent's name as last written. Kept with <see cref="ComplaintCountRow"/> in the same transactions.
/// </summary>
internal sealed class ComplaintRespondentCountRow
{
    public DateOnly Month { get; set; }
    public required string Region { get; set; }
    public required string Kind { get; set; }
    public required string RespondentId { get; set; }
    public bool Handled { get; set; }
    public bool OnTime { get; set; }
    public required string RespondentName { get; set; }
    public long Complaints { get; set; }
    public long Rated { get; set; }
    public long RatingSum { get; set; }
}

/// <summary>Internet complaints per province, company deadline and class: indicator 20 as sums (docs/COMPLAINTS.md).</summary>
internal sealed class ComplaintDueCountRow
{
    public required string Region { get; set; }
    public DateOnly Due { get; set; }
    public required string Class { get; set; }
    public long Complaints { get; set; }
}

/// <summary>Users of an operator or a province at a date, with where the figure comes from (for complaints per million users).</summary>
internal sealed class UserBaseRow
{
    public required string Scope { get; set; }
    public required string Key { get; set; }
    public DateOnly AsOf { get; set; }
    public long Users { get; set; }
    public required string Source { get; set; }
}

/// <summary>
/// The module's tables, prefixed with its name. One subclass per engine carries that engine's
/// migrations: `dotnet run --project tools/MigrationScaffolder -- Complaints Initial` writes both.
/// </summary>
internal abstract class ComplaintsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ComplaintRow> Complaints => Set<ComplaintRow>();
    public DbSet<ComplaintEventRow> Events => Set<ComplaintEventRow>();
    public DbSet<SurveyRow> Surveys => Set<SurveyRow>();
    public DbSet<SurveyResponseRow> Responses => Set<SurveyResponseRow>();
    public DbSet<ComplaintCountRow> CountCells => Set<ComplaintCountRow>();
    public DbSet<ComplaintRespondentCountRow> RespondentCells => Set<ComplaintRespondentCountRow>();
    public DbSet<ComplaintDueCountRow> DueCells => Set<ComplaintDueCountRow>();
    public DbSet<UserBaseRow> UserBase => Set<UserBaseRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<ComplaintRow>(e =>
        {
            e.ToTable("complaints_complaint");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.RespondentId).HasColumnName("respondent_id").HasMaxLength(64);
            e.Property(x => x.RespondentName).HasColumnName("respondent_name").HasMaxLength(200);
            e.Property(x => x.Topic).HasColumnName("topic").HasMaxLength(32);
            e.Property(x => x.Channel).HasColumnName("channel").HasMaxLength(16);
            e.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(2000);
            e.Property(x => x.UserPhone).HasColumnName("user_phone").HasMaxLength(2000);
            e.Property(x => x.UserAddress).HasColumnName("user_address").HasMaxLength(2000);
            e.Property(x => x.UserPostcode).HasColumnName("user_postcode").HasMaxLength(6);
            e.Property(x => x.Claim).HasColumnName("claim").HasMaxLength(2000);
            e.Property(x => x.Facts).HasColumnName("facts").HasMaxLength(2000);
            e.Property(x => x.EventDate).HasColumnName("event_date");
            e.Property(x => x.OperatorComplainedOn).HasColumnName("operator_complained_on");
            e.Property(x => x.OperatorResponse).HasColumnName("operator_response").HasMaxLength(16);
            e.Property(x => x.ReceivedOn).HasColumnName("received_on");
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16).IsConcurrencyToken(); // two officials acting at once: the second is told, not lost
            e.Property(x => x.AcceptanceDue).HasColumnName("acceptance_due");
            e.Property(x => x.DecidedOn).HasColumnName("decided_on");
            e.Property(x => x.RejectionReason).HasColumnName("rejection_reason").HasMaxLength(2000);
            e.Property(x => x.AnswerDue).HasColumnName("answer_due");
            e.Property(x => x.TransferredOn).HasColumnName("transferred_on");
            e.Property(x => x.RespondentDue).HasColumnName("respondent_due");
            e.Property(x => x.RespondentAnsweredOn).HasColumnName("respondent_answered_on");
            e.Property(x => x.RespondentAnswer).HasColumnName("respondent_answer").HasMaxLength(2000);
            e.Property(x => x.MediationOn).HasColumnName("mediation_on");
            e.Property(x => x.ClosedOn).HasColumnName("closed_on");
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(16);
            e.Property(x => x.ClosingNote).HasColumnName("closing_note").HasMaxLength(2000);
            e.Property(x => x.DuplicateOf).HasColumnName("duplicate_of");
            e.Property(x => x.Rating).HasColumnName("rating").IsConcurrencyToken(); // rated once, even by two requests at once
            e.Property(x => x.RatedOn).HasColumnName("rated_on");
            e.Property(x => x.RatingTokenHash).HasColumnName("rating_token_hash").HasMaxLength(64);
            // Covers indicator 20's query (kind, deadline range → region, answer, withdrawal, duplicate): read from the index alone.
            e.HasIndex(x => new { x.Kind, x.RespondentDue, x.Region, x.State, x.Outcome, x.ClosedOn, x.RespondentAnsweredOn });
            e.HasIndex(x => x.ReceivedOn);
            // Covers the open complaints' count by running deadline (ComplaintService.OpenAsync) without reading the rows;
            // its prefix (state, region) serves the lists by state.
            e.HasIndex(x => new { x.State, x.Region, x.Kind, x.AcceptanceDue, x.AnswerDue, x.RespondentDue }).HasDatabaseName("IX_complaints_complaint_state_region_clock");
            e.HasIndex(x => new { x.UserPhone, x.RespondentId });
        });
        b.Entity<ComplaintEventRow>(e =>
        {
            e.ToTable("complaints_event");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ComplaintId).HasColumnName("complaint_id");
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Day).HasColumnName("day");
            e.Property(x => x.ActorId).HasColumnName("actor_id").HasMaxLength(200);
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(32);
            e.Property(x => x.FromState).HasColumnName("from_state").HasMaxLength(16);
            e.Property(x => x.ToState).HasColumnName("to_state").HasMaxLength(16);
            e.Property(x => x.Note).HasColumnName("note").HasMaxLength(2000);
            e.HasIndex(x => x.ComplaintId);
        });
        b.Entity<SurveyRow>(e =>
        {
            e.ToTable("complaints_survey");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
            e.Property(x => x.Service).HasColumnName("service").HasMaxLength(32);
            e.Property(x => x.NameZh).HasColumnName("name_zh").HasMaxLength(200);
            e.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(200);
            e.Property(x => x.InIndex).HasColumnName("in_index");
            e.Property(x => x.ItemsJson).HasColumnName("items_json").HasMaxLength(8000);
        });
        b.Entity<SurveyResponseRow>(e =>
        {
            e.ToTable("complaints_survey_response");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.SurveyCode).HasColumnName("survey_code").HasMaxLength(32);
            e.Property(x => x.OperatorId).HasColumnName("operator_id").HasMaxLength(64);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.RespondedOn).HasColumnName("responded_on");
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(16);
            e.Property(x => x.ComplaintId).HasColumnName("complaint_id");
            e.Property(x => x.ScoresJson).HasColumnName("scores_json").HasMaxLength(4000);
            e.Property(x => x.IndexValue).HasColumnName("index_value");
            e.HasIndex(x => x.RespondedOn);
            e.HasIndex(x => x.ComplaintId).IsUnique();
        });
        b.Entity<ComplaintCountRow>(e =>
        {
            e.ToTable("complaints_count");
            e.HasKey(x => new { x.Month, x.Region, x.Kind, x.Topic, x.State, x.Outcome, x.Decided, x.Handled, x.OnTime });
            e.Property(x => x.Month).HasColumnName("month");
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Topic).HasColumnName("topic").HasMaxLength(32);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16);
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(16);
            e.Property(x => x.Decided).HasColumnName("decided");
            e.Property(x => x.Handled).HasColumnName("handled");
            e.Property(x => x.OnTime).HasColumnName("on_time");
            e.Property(x => x.Complaints).HasColumnName("complaints");
            e.Property(x => x.Rated).HasColumnName("rated");
            e.Property(x => x.RatingSum).HasColumnName("rating_sum");
        });
        b.Entity<ComplaintRespondentCountRow>(e =>
        {
            e.ToTable("complaints_respondent_count");
            e.HasKey(x => new { x.Month, x.Region, x.Kind, x.RespondentId, x.Handled, x.OnTime });
            e.Property(x => x.Month).HasColumnName("month");
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.RespondentId).HasColumnName("respondent_id").HasMaxLength(64);
            e.Property(x => x.Handled).HasColumnName("handled");
            e.Property(x => x.OnTime).HasColumnName("on_time");
            e.Property(x => x.RespondentName).HasColumnName("respondent_name").HasMaxLength(200);
            e.Property(x => x.Complaints).HasColumnName("complaints");
            e.Property(x => x.Rated).HasColumnName("rated");
            e.Property(x => x.RatingSum).HasColumnName("rating_sum");
        });
        b.Entity<ComplaintDueCountRow>(e =>
        {
            e.ToTable("complaints_due_count");
            e.HasKey(x => new { x.Due, x.Region, x.Class });
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Due).HasColumnName("due");
            e.Property(x => x.Class).HasColumnName("class").HasMaxLength(16);
            e.Property(x => x.Complaints).HasColumnName("complaints");
        });
        b.Entity<UserBaseRow>(e =>
        {
            e.ToTable("complaints_user_base");
            e.HasKey(x => new { x.Scope, x.Key, x.AsOf });
            e.Property(x => x.Scope).HasColumnName("scope").HasMaxLength(16);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(64);
            e.Property(x => x.AsOf).HasColumnName("as_of");
            e.Property(x => x.Users).HasColumnName("users");
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(500);
        });
    }
}

internal sealed class SqliteComplaintsDbContext(DbContextOptions<SqliteComplaintsDbContext> options) : ComplaintsDbContext(options);

internal sealed class PostgresComplaintsDbContext(DbContextOptions<PostgresComplaintsDbContext> options) : ComplaintsDbContext(options);
