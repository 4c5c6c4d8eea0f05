using Microsoft.EntityFrameworkCore;

namespace IctGov.Collection.Data;

/// <summary>A data set definition as stored; elements are kept as JSON because they are read and written whole.</summary>
internal sealed class DataSetRow
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string PeriodKind { get; set; }
    public required string ReporterKinds { get; set; }
    public int DeadlineDays { get; set; }
    public decimal JumpThreshold { get; set; }
    public required string Opens { get; set; }
    public string? Closes { get; set; }
    public required string Owner { get; set; }
    public required string ElementsJson { get; set; }
}

/// <summary>A report's current state; history and vintages are rows of their own and never rewritten.</summary>
internal sealed class ReportRow
{
    public Guid Id { get; set; }
    public required string DataSetCode { get; set; }
    public required string UnitId { get; set; }
    public required string RegionCode { get; set; }
    public required string Period { get; set; }
    public int Version { get; set; }
    public required string Status { get; set; }
    public required string ValuesJson { get; set; }
    public required string ExplanationsJson { get; set; }
    public DateTimeOffset? FirstSubmittedAt { get; set; }
    public bool Late { get; set; }
    public DateOnly? PublishedOn { get; set; }
    /// <summary>Bumped on every transition: two reviewers acting at once cannot both win.</summary>
    public int Revision { get; set; }
}

internal sealed class ReportEventRow
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public int Version { get; set; }
    public required string Action { get; set; }
    public required string ActorId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string StatusAfter { get; set; }
    public string? Reason { get; set; }
}

internal sealed class ReportVintageRow
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public int Version { get; set; }
    public required string ValuesJson { get; set; }
    public DateOnly? PublishedOn { get; set; }
}

/// <summary>The Collection module's tables, prefixed <c>collection_</c>; one subclass per engine carries its migrations.</summary>
internal abstract class CollectionDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DataSetRow> DataSets => Set<DataSetRow>();
    public DbSet<ReportRow> Reports => Set<ReportRow>();
    public DbSet<ReportEventRow> ReportEvents => Set<ReportEventRow>();
    public DbSet<ReportVintageRow> ReportVintages => Set<ReportVintageRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<DataSetRow>(e =>
        {
            e.ToTable("collection_data_set");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.PeriodKind).HasMaxLength(8);
            e.Property(x => x.Opens).HasMaxLength(7);
            e.Property(x => x.Closes).HasMaxLength(7);
            e.Property(x => x.Owner).HasMaxLength(64);
            e.Property(x => x.JumpThreshold).HasPrecision(9, 6);
        });
        b.Entity<ReportRow>(e =>
        {
            e.ToTable("collection_report");
            e.HasIndex(x => new { x.DataSetCode, x.UnitId, x.RegionCode, x.Period }).IsUnique();
            e.HasIndex(x => new { x.DataSetCode, x.Period, x.Status });
            e.Property(x => x.DataSetCode).HasMaxLength(32);
            e.Property(x => x.UnitId).HasMaxLength(64);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        b.Entity<ReportEventRow>(e =>
        {
            e.ToTable("collection_report_event");
            e.HasIndex(x => x.ReportId);
            e.Property(x => x.Action).HasMaxLength(16);
            e.Property(x => x.ActorId).HasMaxLength(128);
            e.Property(x => x.StatusAfter).HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(2000);
        });
        b.Entity<ReportVintageRow>(e =>
        {
            e.ToTable("collection_report_vintage");
            e.HasIndex(x => new { x.ReportId, x.Version }).IsUnique();
        });
    }
}

internal sealed class SqliteCollectionDbContext(DbContextOptions<SqliteCollectionDbContext> options) : CollectionDbContext(options);

internal sealed class PostgresCollectionDbContext(DbContextOptions<PostgresCollectionDbContext> options) : CollectionDbContext(options);
