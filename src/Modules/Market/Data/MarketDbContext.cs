using Microsoft.EntityFrameworkCore;

namespace IctGov.Market.Data;

/// <summary>An application for a telecom business licence, with its statutory clocks.</summary>
internal sealed class LicenceApplication
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    /// <summary>The deciding authority: <c>100000</c> (the ministry) or a province's GB/T 2260 code.</summary>
    public required string Authority { get; set; }
    public required string ApplicantCode { get; set; }
    public required string ApplicantName { get; set; }
    /// <summary>Catalogue codes, comma-separated, in catalogue order.</summary>
    public required string Services { get; set; }
    /// <summary>GB/T 2260 codes of the regions covered, comma-separated; <c>100000</c> for the whole nation.</summary>
    public required string Coverage { get; set; }
    public int TermYears { get; set; }
    /// <summary>Filed on the promise-based path (告知承诺).</summary>
    public bool Promise { get; set; }
    public DateOnly Received { get; set; }
    public DateOnly NoticeDue { get; set; }
    public DateOnly? NoticeSent { get; set; }
    public string? MissingMaterials { get; set; }
    public DateOnly? Accepted { get; set; }
    public DateOnly? DecisionDue { get; set; }
    public DateOnly? Decided { get; set; }
    /// <summary>received, awaiting_materials, accepted, approved, refused.</summary>
    public required string State { get; set; }
    public string? Reason { get; set; }
    public string? LicenceNumber { get; set; }
    /// <summary>For a promise-based approval: last day of the check of the promise; and its result once done.</summary>
    public DateOnly? PostCheckDue { get; set; }
    public DateOnly? PostChecked { get; set; }
    public bool? PromiseHeld { get; set; }
}

/// <summary>A telecom business licence as issued, with its signed electronic form.</summary>
internal sealed class Licence
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public required string Kind { get; set; }
    public required string Authority { get; set; }
    public required string HolderCode { get; set; }
    public required string HolderName { get; set; }
    public required string Services { get; set; }
    public required string Coverage { get; set; }
    public DateOnly Issued { get; set; }
    public DateOnly Expires { get; set; }
    /// <summary>valid, suspended, revoked, cancelled (expired is computed from <see cref="Expires"/>).</summary>
    public required string Status { get; set; }
    public DateOnly? StatusChanged { get; set; }
    public string? StatusReason { get; set; }
    public long? ApplicationId { get; set; }
    /// <summary>The electronic licence: canonical JSON of the fields, SM2/SM3 signature and issuer certificate.</summary>
    public string? Document { get; set; }
}

/// <summary>An entry on a credit list (不良名单 or 失信名单): who, on what ground and decision, by whom, and until when.</summary>
internal sealed class CreditListing
{
    public long Id { get; set; }
    /// <summary>poor (不良名单) or dishonest (失信名单).</summary>
    public required string List { get; set; }
    public required string Ground { get; set; }
    public required string HolderCode { get; set; }
    public required string HolderName { get; set; }
    public string? LicenceNumber { get; set; }
    /// <summary>The decision the entry rests on, as numbered by its authority (京通管罚〔2026〕12号).</summary>
    public required string Decision { get; set; }
    public DateOnly DecisionDate { get; set; }
    public DateOnly Listed { get; set; }
    /// <summary>The listing authority (列入单位): <c>100000</c> or a province.</summary>
    public required string Authority { get; set; }
    /// <summary>Last day on the list when the term decides it; null when removal waits on the holder (annual report).</summary>
    public DateOnly? LastDay { get; set; }
    public DateOnly? Removed { get; set; }
    public string? RemovalReason { get; set; }
}

/// <summary>A 双随机 inspection plan and, once drawn, its published draw document.</summary>
internal sealed class InspectionPlan
{
    public long Id { get; set; }
    public required string Authority { get; set; }
    public required string Title { get; set; }
    /// <summary>The inspection items, a JSON array of strings.</summary>
    public required string Items { get; set; }
    /// <summary>Filters of the object pool, comma-separated; empty for all.</summary>
    public required string Services { get; set; }
    public required string Regions { get; set; }
    /// <summary>Ratio per credit level, a JSON object of decimal strings.</summary>
    public required string Ratios { get; set; }
    /// <summary>The inspector pool, a JSON array of {id, unit, region}.</summary>
    public required string Inspectors { get; set; }
    public DateOnly Created { get; set; }
    public DateOnly? Drawn { get; set; }
    public string? Seed { get; set; }
    /// <summary>The published draw (ictgov-draw/1).</summary>
    public string? Document { get; set; }
}

/// <summary>The result of one inspection item at one object drawn.</summary>
internal sealed class InspectionResult
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public required string HolderCode { get; set; }
    public required string Item { get; set; }
    /// <summary>compliant or finding.</summary>
    public required string Outcome { get; set; }
    public string? Note { get; set; }
    public DateOnly Recorded { get; set; }
}

/// <summary>
/// The module's tables, prefixed <c>market_</c>. One subclass per engine carries that engine's
/// migrations (tools/MigrationScaffolder).
/// </summary>
internal abstract class MarketDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<LicenceApplication> Applications => Set<LicenceApplication>();
    public DbSet<Licence> Licences => Set<Licence>();
    public DbSet<CreditListing> CreditListings => Set<CreditListing>();
    public DbSet<InspectionPlan> InspectionPlans => Set<InspectionPlan>();
    public DbSet<InspectionResult> InspectionResults => Set<InspectionResult>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<LicenceApplication>(e =>
        {
            e.ToTable("market_application");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Authority).HasColumnName("authority").HasMaxLength(6);
            e.Property(x => x.ApplicantCode).HasColumnName("applicant_code").HasMaxLength(18);
            e.Property(x => x.ApplicantName).HasColumnName("applicant_name").HasMaxLength(200);
            e.Property(x => x.Services).HasColumnName("services").HasMaxLength(400);
            e.Property(x => x.Coverage).HasColumnName("coverage").HasMaxLength(400);
            e.Property(x => x.TermYears).HasColumnName("term_years");
            e.Property(x => x.Promise).HasColumnName("promise");
            e.Property(x => x.Received).HasColumnName("received");
            e.Property(x => x.NoticeDue).HasColumnName("notice_due");
            e.Property(x => x.NoticeSent).HasColumnName("notice_sent");
            e.Property(x => x.MissingMaterials).HasColumnName("missing_materials").HasMaxLength(2000);
            e.Property(x => x.Accepted).HasColumnName("accepted");
            e.Property(x => x.DecisionDue).HasColumnName("decision_due");
            e.Property(x => x.Decided).HasColumnName("decided");
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(24);
            e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(2000);
            e.Property(x => x.LicenceNumber).HasColumnName("licence_number").HasMaxLength(40);
            e.Property(x => x.PostCheckDue).HasColumnName("post_check_due");
            e.Property(x => x.PostChecked).HasColumnName("post_checked");
            e.Property(x => x.PromiseHeld).HasColumnName("promise_held");
            e.HasIndex(x => new { x.Authority, x.State });
            e.HasIndex(x => x.ApplicantCode);
        });
        b.Entity<Licence>(e =>
        {
            e.ToTable("market_licence");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Number).HasColumnName("number").HasMaxLength(40);
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Authority).HasColumnName("authority").HasMaxLength(6);
            e.Property(x => x.HolderCode).HasColumnName("holder_code").HasMaxLength(18);
            e.Property(x => x.HolderName).HasColumnName("holder_name").HasMaxLength(200);
            e.Property(x => x.Services).HasColumnName("services").HasMaxLength(400);
            e.Property(x => x.Coverage).HasColumnName("coverage").HasMaxLength(400);
            e.Property(x => x.Issued).HasColumnName("issued");
            e.Property(x => x.Expires).HasColumnName("expires");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(x => x.StatusChanged).HasColumnName("status_changed");
            e.Property(x => x.StatusReason).HasColumnName("status_reason").HasMaxLength(2000);
            e.Property(x => x.ApplicationId).HasColumnName("application_id");
            e.Property(x => x.Document).HasColumnName("document");
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.HolderCode);
            e.HasIndex(x => x.Authority);
        });
        b.Entity<CreditListing>(e =>
        {
            e.ToTable("market_credit_listing");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.List).HasColumnName("list").HasMaxLength(16);
            e.Property(x => x.Ground).HasColumnName("ground").HasMaxLength(32);
            e.Property(x => x.HolderCode).HasColumnName("holder_code").HasMaxLength(18);
            e.Property(x => x.HolderName).HasColumnName("holder_name").HasMaxLength(200);
            e.Property(x => x.LicenceNumber).HasColumnName("licence_number").HasMaxLength(40);
            e.Property(x => x.Decision).HasColumnName("decision").HasMaxLength(200);
            e.Property(x => x.DecisionDate).HasColumnName("decision_date");
            e.Property(x => x.Listed).HasColumnName("listed");
            e.Property(x => x.Authority).HasColumnName("authority").HasMaxLength(6);
            e.Property(x => x.LastDay).HasColumnName("last_day");
            e.Property(x => x.Removed).HasColumnName("removed");
            e.Property(x => x.RemovalReason).HasColumnName("removal_reason").HasMaxLength(2000);
            e.HasIndex(x => x.HolderCode);
            e.HasIndex(x => new { x.List, x.Listed });
        });
        b.Entity<InspectionPlan>(e =>
        {
            e.ToTable("market_inspection_plan");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Authority).HasColumnName("authority").HasMaxLength(6);
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            e.Property(x => x.Items).HasColumnName("items");
            e.Property(x => x.Services).HasColumnName("services").HasMaxLength(400);
            e.Property(x => x.Regions).HasColumnName("regions").HasMaxLength(400);
            e.Property(x => x.Ratios).HasColumnName("ratios").HasMaxLength(400);
            e.Property(x => x.Inspectors).HasColumnName("inspectors");
            e.Property(x => x.Created).HasColumnName("created");
            e.Property(x => x.Drawn).HasColumnName("drawn");
            e.Property(x => x.Seed).HasColumnName("seed").HasMaxLength(64);
            e.Property(x => x.Document).HasColumnName("document");
            e.HasIndex(x => x.Authority);
        });
        b.Entity<InspectionResult>(e =>
        {
            e.ToTable("market_inspection_result");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.PlanId).HasColumnName("plan_id");
            e.Property(x => x.HolderCode).HasColumnName("holder_code").HasMaxLength(18);
            e.Property(x => x.Item).HasColumnName("item").HasMaxLength(200);
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(16);
            e.Property(x => x.Note).HasColumnName("note").HasMaxLength(2000);
            e.Property(x => x.Recorded).HasColumnName("recorded");
            e.HasIndex(x => new { x.PlanId, x.HolderCode, x.Item }).IsUnique();
            e.HasIndex(x => x.HolderCode);
        });
    }
}

internal sealed class SqliteMarketDbContext(DbContextOptions<SqliteMarketDbContext> options) : MarketDbContext(options);

internal sealed class PostgresMarketDbContext(DbContextOptions<PostgresMarketDbContext> options) : MarketDbContext(options);
