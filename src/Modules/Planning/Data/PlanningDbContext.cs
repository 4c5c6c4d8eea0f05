using Microsoft.EntityFrameworkCore;

namespace IctGov.Planning.Data;

/// <summary>
/// The Planning module's own tables, prefixed <c>planning_</c> (SQLite has no schemas, and one
/// prefix keeps both engines alike). One subclass per engine carries that engine's migrations.
/// </summary>
internal abstract class PlanningDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<DataElement> DataElements => Set<DataElement>();
    public DbSet<ProjectTarget> ProjectTargets => Set<ProjectTarget>();
    public DbSet<Observation> Observations => Set<Observation>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<EvaluationSnapshot> EvaluationSnapshots => Set<EvaluationSnapshot>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<PlanVersion>(e =>
        {
            e.ToTable("planning_plan_version");
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(2000);
        });
        b.Entity<Indicator>(e =>
        {
            e.ToTable("planning_indicator");
            e.HasKey(x => x.No);
            e.Property(x => x.No).ValueGeneratedNever();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Measure).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Projection).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.FormulaNumerator).HasMaxLength(64);
            e.Property(x => x.FormulaDenominator).HasMaxLength(64);
        });
        b.Entity<IndicatorTarget>(e =>
        {
            e.ToTable("planning_indicator_target");
            e.HasIndex(x => new { x.PlanVersionId, x.IndicatorNo, x.RegionCode }).IsUnique();
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Comparison).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Baseline).HasPrecision(20, 6);
            e.Property(x => x.Target).HasPrecision(20, 6);
            e.Property(x => x.AnnualGrowthPct).HasPrecision(20, 6);
            e.Property(x => x.FiveYearChange).HasPrecision(20, 6);
            e.HasOne<PlanVersion>().WithMany().HasForeignKey(x => x.PlanVersionId);
            e.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorNo);
        });
        b.Entity<DataElement>(e =>
        {
            e.ToTable("planning_data_element");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(64);
        });
        b.Entity<ProjectTarget>(e =>
        {
            e.ToTable("planning_project_target");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(96);
            e.Property(x => x.Comparison).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Target).HasPrecision(20, 6);
        });
        b.Entity<Observation>(e =>
        {
            e.ToTable("planning_observation");
            e.Property(x => x.SubjectKind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.SubjectKey).HasMaxLength(96);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.PeriodKind).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Source).HasMaxLength(200);
            e.Property(x => x.Value).HasPrecision(28, 8);
            // One value per subject, region, period and publication date: a revision is a later vintage.
            e.HasIndex(x => new { x.SubjectKind, x.SubjectKey, x.RegionCode, x.Period, x.Published }).IsUnique();
            e.HasIndex(x => x.Published);
        });
        b.Entity<ImportBatch>(e =>
        {
            e.ToTable("planning_import_batch");
            e.Property(x => x.Origin).HasMaxLength(400);
        });
        b.Entity<EvaluationSnapshot>(e =>
        {
            e.ToTable("planning_evaluation_snapshot");
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.PlanVersionCode).HasMaxLength(64);
            e.Property(x => x.Label).HasMaxLength(200);
        });
    }
}

/// <summary>The embedded SQLite engine; its migrations live in Data/Migrations/Sqlite.</summary>
internal sealed class SqlitePlanningDbContext(DbContextOptions<SqlitePlanningDbContext> options) : PlanningDbContext(options);

/// <summary>The PostgreSQL engine; its migrations live in Data/Migrations/Postgres.</summary>
internal sealed class PostgresPlanningDbContext(DbContextOptions<PostgresPlanningDbContext> options) : PlanningDbContext(options);
