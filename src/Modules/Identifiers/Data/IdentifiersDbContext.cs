using Microsoft.EntityFrameworkCore;

namespace IctGov.Identifiers.Data;

/// <summary>
/// One row per identifier, its values kept whole as JSON: every read and write takes all values of
/// a handle at once, so a values table would only add a join and a row per value on the batch path.
/// Written and read below EF Core (see Storage/HandleStore.cs); EF owns the schema.
/// </summary>
internal sealed class HandleRow
{
    /// <summary><see cref="Protocols.Handle.HandleName.Normalize"/> of the handle.</summary>
    public required string Key { get; set; }
    /// <summary>The handle as registered (case kept for display).</summary>
    public required string Handle { get; set; }
    /// <summary>Normalised prefix, for listing and counting by prefix.</summary>
    public required string Prefix { get; set; }
    public required string ValuesJson { get; set; }
    /// <summary>Seconds since the Unix epoch.</summary>
    public long CreatedAt { get; set; }
    /// <summary>The registration batch that created the handle, if any (audit entries name it).</summary>
    public string? BatchId { get; set; }
}

/// <summary>A prefix (标识前缀) in the hierarchy: 88 (national top-level), 88.100 (secondary), 88.100.1 (enterprise).</summary>
internal sealed class PrefixRow
{
    public required string Prefix { get; set; }
    public required string Level { get; set; }
    public string? Parent { get; set; }
    public required string OwnerName { get; set; }
    /// <summary>Access module unit id of the owning organisation; its users may register under the prefix.</summary>
    public string? OwnerUnitId { get; set; }
    /// <summary>GB/T 4754 door (门类) code A–T.</summary>
    public string? Industry { get; set; }
    /// <summary>GB/T 2260 province code.</summary>
    public string? Province { get; set; }
    public bool Demo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A node of the resolution system (root, national top-level, secondary, enterprise, public recursive).</summary>
internal sealed class NodeRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public string? Industry { get; set; }
    public string? Province { get; set; }
    public string? Prefix { get; set; }
    /// <summary>Space-separated endpoint URIs (udp://…, tcp://…, https://…).</summary>
    public required string Endpoints { get; set; }
    public bool Demo { get; set; }
    /// <summary>The day the node went into service; indicator 7 counts nodes in service at a period's end.</summary>
    public DateOnly InServiceFrom { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// The node's own HS_SITE (its servers' public keys), as its GET_SITE_INFO answered or as given at registration; the
    /// registry copies the keys into the HS_SITE it publishes for the node. Null while the node has not been reached.
    /// </summary>
    public byte[]? SiteInfo { get; set; }
}

/// <summary>A data template (标识数据模板) of a prefix; fields kept as JSON because they are read and written whole.</summary>
internal sealed class TemplateRow
{
    public required string Prefix { get; set; }
    public required string FieldsJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Registered identifiers per prefix, maintained in every write's transaction so statistics never scan the handles.</summary>
internal sealed class RegistrationCountRow
{
    public required string Prefix { get; set; }
    public long Count { get; set; }
}

/// <summary>Resolutions per day and prefix, flushed from memory by the resolution meter.</summary>
internal sealed class ResolutionDayRow
{
    /// <summary>yyyy-MM-dd (UTC).</summary>
    public required string Day { get; set; }
    public required string Prefix { get; set; }
    public long Resolved { get; set; }
    public long NotFound { get; set; }
}

/// <summary>The Identifiers module's tables, prefixed <c>identifiers_</c>; one subclass per engine carries its migrations.</summary>
internal abstract class IdentifiersDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<HandleRow> Handles => Set<HandleRow>();
    public DbSet<PrefixRow> Prefixes => Set<PrefixRow>();
    public DbSet<NodeRow> Nodes => Set<NodeRow>();
    public DbSet<TemplateRow> Templates => Set<TemplateRow>();
    public DbSet<RegistrationCountRow> RegistrationCounts => Set<RegistrationCountRow>();
    public DbSet<ResolutionDayRow> ResolutionDays => Set<ResolutionDayRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<HandleRow>(e =>
        {
            e.ToTable("identifiers_handle");
            e.HasKey(x => x.Key);
            e.HasIndex(x => new { x.Prefix, x.Key });
            e.Property(x => x.Prefix).HasMaxLength(255);
            e.Property(x => x.BatchId).HasMaxLength(36);
        });
        b.Entity<PrefixRow>(e =>
        {
            e.ToTable("identifiers_prefix");
            e.HasKey(x => x.Prefix);
            e.Property(x => x.Prefix).HasMaxLength(255);
            e.Property(x => x.Level).HasMaxLength(20);
            e.Property(x => x.Parent).HasMaxLength(255);
            e.Property(x => x.OwnerName).HasMaxLength(200);
            e.Property(x => x.OwnerUnitId).HasMaxLength(64);
            e.Property(x => x.Industry).HasMaxLength(1);
            e.Property(x => x.Province).HasMaxLength(6);
        });
        b.Entity<NodeRow>(e =>
        {
            e.ToTable("identifiers_node");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(20);
            e.Property(x => x.Industry).HasMaxLength(1);
            e.Property(x => x.Province).HasMaxLength(6);
            e.Property(x => x.Prefix).HasMaxLength(255);
            e.Property(x => x.Endpoints).HasMaxLength(2000);
            e.Property(x => x.SiteInfo).HasMaxLength(65_536);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<TemplateRow>(e =>
        {
            e.ToTable("identifiers_template");
            e.HasKey(x => x.Prefix);
            e.Property(x => x.Prefix).HasMaxLength(255);
        });
        b.Entity<RegistrationCountRow>(e =>
        {
            e.ToTable("identifiers_registration_count");
            e.HasKey(x => x.Prefix);
            e.Property(x => x.Prefix).HasMaxLength(255);
        });
        b.Entity<ResolutionDayRow>(e =>
        {
            e.ToTable("identifiers_resolution_day");
            e.HasKey(x => new { x.Day, x.Prefix });
            e.Property(x => x.Day).HasMaxLength(10);
            e.Property(x => x.Prefix).HasMaxLength(255);
        });
    }
}

internal sealed class SqliteIdentifiersDbContext(DbContextOptions<SqliteIdentifiersDbContext> options) : IdentifiersDbContext(options);

internal sealed class PostgresIdentifiersDbContext(DbContextOptions<PostgresIdentifiersDbContext> options) : IdentifiersDbContext(options);
