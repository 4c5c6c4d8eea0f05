using Microsoft.EntityFrameworkCore;

namespace IctGov.Numbering.Data;

/// <summary>An operator's application for a numbering resource, through acknowledgement and decision.</summary>
internal sealed class ApplicationRow
{
    public long Id { get; set; }
    public required string Operator { get; set; }
    public required string Kind { get; set; }
    public required string Prefix { get; set; }
    public required string Region { get; set; }
    public required string Purpose { get; set; }
    public required string Status { get; set; }
    public DateOnly SubmittedOn { get; set; }
    public DateOnly AcknowledgeBy { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? DecideBy { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? Reason { get; set; }
    public long? AllocationId { get; set; }
}

/// <summary>A resource allocated to an operator; a reclaimed one keeps its row (history) and frees its prefix.</summary>
internal sealed class AllocationRow
{
    public long Id { get; set; }
    public required string Prefix { get; set; }
    public required string Kind { get; set; }
    public required string Holder { get; set; }
    public required string Region { get; set; }
    public long Capacity { get; set; }
    public DateOnly AllocatedOn { get; set; }
    public long? ApplicationId { get; set; }
    public DateOnly? ReclaimedOn { get; set; }
}

/// <summary>An operator's annual usage report (码号年报) for one allocation.</summary>
internal sealed class UsageRow
{
    public long Id { get; set; }
    public long AllocationId { get; set; }
    public int Year { get; set; }
    public long Activated { get; set; }
    public DateOnly ReportedOn { get; set; }
}

/// <summary>An administrative penalty the ministry recorded against an operator (bars applications, 码号办法 art.14).</summary>
internal sealed class PenaltyRow
{
    public long Id { get; set; }
    public required string Operator { get; set; }
    public DateOnly ImposedOn { get; set; }
    public required string Note { get; set; }
}

/// <summary>A port authorisation code (携号转网授权码) the donor issued after the eligibility check; only its hash is kept.</summary>
internal sealed class AuthorisationRow
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public required string Donor { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A port of one number from donor to recipient, effective at a full hour once both acknowledge.</summary>
internal sealed class PortRow
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public required string Donor { get; set; }
    public required string Recipient { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? DonorAcknowledgedAt { get; set; }
    public DateTimeOffset? RecipientAcknowledgedAt { get; set; }
    public DateTimeOffset? EffectiveAt { get; set; }
}

/// <summary>An STI certificate the platform's certification authority issued (its signing key is kept in the data directory).</summary>
internal sealed class StiCertificateRow
{
    public long Id { get; set; }
    public required string Serial { get; set; }
    public required string Operator { get; set; }
    /// <summary>The TNAuthList as text, entries separated by "; " (the certificate itself is authoritative).</summary>
    public required string Entries { get; set; }
    public required string Pem { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public DateTimeOffset NotAfter { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>
/// The module's tables, prefixed with its name. One subclass per engine carries that engine's
/// migrations: `dotnet run --project tools/MigrationScaffolder -- Numbering Initial` writes both.
/// </summary>
internal abstract class NumberingDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ApplicationRow> Applications => Set<ApplicationRow>();
    public DbSet<AllocationRow> Allocations => Set<AllocationRow>();
    public DbSet<UsageRow> Usage => Set<UsageRow>();
    public DbSet<PenaltyRow> Penalties => Set<PenaltyRow>();
    public DbSet<AuthorisationRow> Authorisations => Set<AuthorisationRow>();
    public DbSet<PortRow> Ports => Set<PortRow>();
    public DbSet<StiCertificateRow> StiCertificates => Set<StiCertificateRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<ApplicationRow>(e =>
        {
            e.ToTable("numbering_application");
            e.Property(x => x.Operator).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Region).HasMaxLength(6);
            e.Property(x => x.Purpose).HasMaxLength(500);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => x.Operator);
        });
        b.Entity<AllocationRow>(e =>
        {
            e.ToTable("numbering_allocation");
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Holder).HasMaxLength(32);
            e.Property(x => x.Region).HasMaxLength(6);
            e.HasIndex(x => x.Prefix);
            e.HasIndex(x => x.Holder);
        });
        b.Entity<UsageRow>(e =>
        {
            e.ToTable("numbering_usage");
            e.HasIndex(x => new { x.AllocationId, x.Year }).IsUnique();
        });
        b.Entity<PenaltyRow>(e =>
        {
            e.ToTable("numbering_penalty");
            e.Property(x => x.Operator).HasMaxLength(32);
            e.Property(x => x.Note).HasMaxLength(500);
        });
        b.Entity<AuthorisationRow>(e =>
        {
            e.ToTable("numbering_port_authorisation");
            e.Property(x => x.Number).HasMaxLength(16);
            e.Property(x => x.Donor).HasMaxLength(32);
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.HasIndex(x => x.Number);
        });
        b.Entity<PortRow>(e =>
        {
            e.ToTable("numbering_port");
            e.Property(x => x.Number).HasMaxLength(16);
            e.Property(x => x.Donor).HasMaxLength(32);
            e.Property(x => x.Recipient).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(16);
            e.HasIndex(x => new { x.Number, x.EffectiveAt });
        });
        b.Entity<StiCertificateRow>(e =>
        {
            e.ToTable("numbering_sti_certificate");
            e.Property(x => x.Serial).HasMaxLength(40);
            e.Property(x => x.Operator).HasMaxLength(32);
            e.HasIndex(x => x.Serial).IsUnique();
            e.HasIndex(x => x.Operator);
        });
    }
}

internal sealed class SqliteNumberingDbContext(DbContextOptions<SqliteNumberingDbContext> options) : NumberingDbContext(options);

internal sealed class PostgresNumberingDbContext(DbContextOptions<PostgresNumberingDbContext> options) : NumberingDbContext(options);
