using Microsoft.EntityFrameworkCore;

namespace IctGov.AppLog.Data;

/// <summary>One log entry: its index in the tree, its bytes (at most 65,535, as entry bundles allow) and its RFC 6962 leaf hash.</summary>
internal sealed class LogEntry
{
    public long Idx { get; set; }
    public required byte[] Data { get; set; }
    public required byte[] LeafHash { get; set; }
}

/// <summary>
/// A tlog-tiles hash tile: 1–256 concatenated hashes of tree level 8·Level. A partial tile is rewritten
/// as it grows; its prefix never changes, so any narrower partial tile is served from it.
/// </summary>
internal sealed class LogTile
{
    public int Level { get; set; }
    public long Idx { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>A signed checkpoint, kept for every size the log published: the largest is the current tree.</summary>
internal sealed class LogCheckpoint
{
    public long Size { get; set; }
    public required byte[] Root { get; set; }
    public required string Note { get; set; }
    public DateTimeOffset Published { get; set; }
}

/// <summary>
/// The fields of a signed statement, indexed for queries (by package, file hash, developer, signer).
/// Written in the same transaction as its entry; the entry itself stays the authority.
/// </summary>
internal sealed class StatementRecord
{
    public long Idx { get; set; }
    public required string Type { get; set; }
    public required string Package { get; set; }
    public required string Version { get; set; }
    public required string Sha256 { get; set; }
    public required string SignerCertSha256 { get; set; }
    public required string Developer { get; set; }
    /// <summary>UTC, yyyy-MM-ddTHH:mm:ssZ as in the statement (sorts as text on both engines).</summary>
    public required string Issued { get; set; }
    public required string Algorithm { get; set; }
    /// <summary>SHA-256 of the certificate that signed the statement: who made it.</summary>
    public required string CertificateSha256 { get; set; }
    public required string Subject { get; set; }
}

/// <summary>
/// A registered party's signing certificate (开发者, 检测机构 or 分发者): statements are accepted only
/// from certificates registered here, and only of the types the party's kind may make. One row per
/// certificate; a party with several keys has several rows with the same identifier.
/// </summary>
internal sealed class PartyRecord
{
    public long Id { get; set; }
    /// <summary>developer, testing-body or distributor.</summary>
    public required string Kind { get; set; }
    /// <summary>The party's unified social credit code: a developer's statements name it in <c>developer</c>.</summary>
    public required string Identifier { get; set; }
    public required string Name { get; set; }
    /// <summary>The Access organisation unit the party reports as, when it has one.</summary>
    public string? UnitId { get; set; }
    /// <summary>Its filing subject's handle in the Resources registry, when registered there.</summary>
    public string? SubjectHandle { get; set; }
    public required string CertificateSha256 { get; set; }
    public required byte[] Certificate { get; set; }
    public required string Algorithm { get; set; }
    public required string CertificateSubject { get; set; }
    public DateTimeOffset Registered { get; set; }
    public required string RegisteredBy { get; set; }
}

/// <summary>The log's tables, prefixed <c>applog_</c>; entries, tiles and checkpoint are written in one transaction per batch.</summary>
internal abstract class AppLogDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<LogEntry> Entries => Set<LogEntry>();
    public DbSet<LogTile> Tiles => Set<LogTile>();
    public DbSet<LogCheckpoint> Checkpoints => Set<LogCheckpoint>();
    public DbSet<StatementRecord> Statements => Set<StatementRecord>();
    public DbSet<PartyRecord> Parties => Set<PartyRecord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<LogEntry>(e =>
        {
            e.ToTable("applog_entry");
            e.HasKey(x => x.Idx);
            e.Property(x => x.Idx).HasColumnName("idx").ValueGeneratedNever();
            e.Property(x => x.Data).HasColumnName("data");
            e.Property(x => x.LeafHash).HasColumnName("leaf_hash");
            e.HasIndex(x => x.LeafHash).HasDatabaseName("ix_applog_entry_leaf_hash");
        });
        b.Entity<LogTile>(e =>
        {
            e.ToTable("applog_tile");
            e.HasKey(x => new { x.Level, x.Idx });
            e.Property(x => x.Level).HasColumnName("level");
            e.Property(x => x.Idx).HasColumnName("idx");
            e.Property(x => x.Data).HasColumnName("data");
        });
        b.Entity<LogCheckpoint>(e =>
        {
            e.ToTable("applog_checkpoint");
            e.HasKey(x => x.Size);
            e.Property(x => x.Size).HasColumnName("size").ValueGeneratedNever();
            e.Property(x => x.Root).HasColumnName("root");
            e.Property(x => x.Note).HasColumnName("note");
            e.Property(x => x.Published).HasColumnName("published");
        });
        b.Entity<StatementRecord>(e =>
        {
            e.ToTable("applog_statement");
            e.HasKey(x => x.Idx);
            e.Property(x => x.Idx).HasColumnName("idx").ValueGeneratedNever();
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(32);
            e.Property(x => x.Package).HasColumnName("package").HasMaxLength(255);
            e.Property(x => x.Version).HasColumnName("version").HasMaxLength(64);
            e.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            e.Property(x => x.SignerCertSha256).HasColumnName("signer_cert_sha256").HasMaxLength(64);
            e.Property(x => x.Developer).HasColumnName("developer").HasMaxLength(64);
            e.Property(x => x.Issued).HasColumnName("issued").HasMaxLength(20);
            e.Property(x => x.Algorithm).HasColumnName("algorithm").HasMaxLength(32);
            e.Property(x => x.CertificateSha256).HasColumnName("certificate_sha256").HasMaxLength(64);
            e.Property(x => x.Subject).HasColumnName("subject").HasMaxLength(1024);
            e.HasIndex(x => new { x.Package, x.Version }).HasDatabaseName("ix_applog_statement_package");
            e.HasIndex(x => x.Sha256).HasDatabaseName("ix_applog_statement_sha256");
            e.HasIndex(x => x.Developer).HasDatabaseName("ix_applog_statement_developer");
            e.HasIndex(x => x.CertificateSha256).HasDatabaseName("ix_applog_statement_certificate");
        });
        b.Entity<PartyRecord>(e =>
        {
            e.ToTable("applog_party");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Identifier).HasColumnName("identifier").HasMaxLength(18);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.UnitId).HasColumnName("unit_id").HasMaxLength(64);
            e.Property(x => x.SubjectHandle).HasColumnName("subject_handle").HasMaxLength(32);
            e.Property(x => x.CertificateSha256).HasColumnName("certificate_sha256").HasMaxLength(64);
            e.Property(x => x.Certificate).HasColumnName("certificate");
            e.Property(x => x.Algorithm).HasColumnName("algorithm").HasMaxLength(32);
            e.Property(x => x.CertificateSubject).HasColumnName("certificate_subject").HasMaxLength(1024);
            e.Property(x => x.Registered).HasColumnName("registered");
            e.Property(x => x.RegisteredBy).HasColumnName("registered_by").HasMaxLength(64);
            e.HasIndex(x => x.CertificateSha256).IsUnique().HasDatabaseName("ux_applog_party_certificate");
            e.HasIndex(x => x.Identifier).HasDatabaseName("ix_applog_party_identifier");
        });
    }
}

internal sealed class SqliteAppLogDbContext(DbContextOptions<SqliteAppLogDbContext> options) : AppLogDbContext(options);

internal sealed class PostgresAppLogDbContext(DbContextOptions<PostgresAppLogDbContext> options) : AppLogDbContext(options);
