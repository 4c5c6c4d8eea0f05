using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Audit.Data;

/// <summary>
/// The Audit module's one table, <c>audit_entry</c>. One subclass per engine carries that engine's
/// migrations and the engine's way of making appends one at a time.
/// </summary>
internal abstract class AuditDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>
    /// Each module records its own migrations: in EF's shared default table, two modules' "Initial"
    /// scaffolded in the same second would have one id, and one of them would never be applied.
    /// </summary>
    public const string MigrationsHistoryTable = "audit_migrations_history";

    public DbSet<AuditRecord> Entries => Set<AuditRecord>();

    /// <summary>Begins the transaction an append runs in when the caller gives none.</summary>
    public abstract Task<DbTransaction> BeginAppendTransactionAsync(DbConnection connection, CancellationToken ct);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_entry");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedNever();
            e.Property(x => x.ActorId).HasMaxLength(AuditLimits.ActorId);
            e.Property(x => x.Action).HasMaxLength(AuditLimits.Action);
            e.Property(x => x.SubjectType).HasMaxLength(AuditLimits.SubjectType);
            e.Property(x => x.SubjectId).HasMaxLength(AuditLimits.SubjectId);
            e.Property(x => x.RegionCode).HasMaxLength(AuditLimits.RegionCode);
            // Before/After stay text, never jsonb: jsonb re-orders keys and drops whitespace, and the
            // hash covers the text exactly as given.
            e.Property(x => x.PrevHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
        });
    }
}

/// <summary>Column lengths, checked before anything is written so a long value is a clear error rather than a failed transaction.</summary>
internal static class AuditLimits
{
    public const int ActorId = 200;
    public const int Action = 100;
    public const int SubjectType = 100;
    public const int SubjectId = 200;
    public const int RegionCode = 6;
}

/// <summary>The embedded SQLite engine; its migrations live in Data/Migrations/Sqlite.</summary>
internal sealed class SqliteAuditDbContext(DbContextOptions<SqliteAuditDbContext> options) : AuditDbContext(options)
{
    // BEGIN IMMEDIATE takes SQLite's single write lock at once. A deferred transaction would read
    // the head under a shared lock and could then fail to upgrade it when another append got in first.
    public override Task<DbTransaction> BeginAppendTransactionAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}

/// <summary>The PostgreSQL engine; its migrations live in Data/Migrations/Postgres.</summary>
internal sealed class PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options) : AuditDbContext(options)
{
    /// <summary>The advisory lock every append takes: ASCII "ictaudit". Held until the transaction ends.</summary>
    public const long AppendLockKey = 0x6963_7461_7564_6974;

    public override async Task<DbTransaction> BeginAppendTransactionAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(ct);
}
