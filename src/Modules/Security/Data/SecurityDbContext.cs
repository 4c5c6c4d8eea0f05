using Microsoft.EntityFrameworkCore;

namespace IctGov.Security.Data;

/// <summary>
/// A network asset of an operator or key enterprise (政企网络资产): one system of one organisation,
/// with the address space, names and products it runs. Lists are kept one item per line.
/// </summary>
internal sealed class AssetRow
{
    public long Id { get; set; }
    public required string OrganisationCode { get; set; }
    public required string OrganisationName { get; set; }
    public required string System { get; set; }
    public required string Region { get; set; }
    public required string Criticality { get; set; }
    public required string IpPrefixes { get; set; }
    public required string Domains { get; set; }
    public required string Products { get; set; }
    public DateTimeOffset Updated { get; set; }
}

/// <summary>A vulnerability of the national library: its ids, its vectors and the scores computed from them, what it affects.</summary>
internal sealed class VulnerabilityRow
{
    public long Id { get; set; }
    public required string CnvdId { get; set; }
    public string? CveId { get; set; }
    public required string Title { get; set; }
    public string? Cvss31Vector { get; set; }
    public double? Cvss31Score { get; set; }
    public string? Cvss40Vector { get; set; }
    public double? Cvss40Score { get; set; }
    public required string Severity { get; set; }
    public bool Exploited { get; set; }
    public required string Affected { get; set; }
    public DateOnly? Published { get; set; }
    public DateTimeOffset Updated { get; set; }
}

/// <summary>
/// A TAXII 2.1 collection (section 5.2) of the threat-intelligence store: who may read and who may
/// write, one principal a line (<c>ministry</c>, <c>province:440000</c>, <c>province:*</c>,
/// <c>unit:cm</c>, <c>unit:*</c>, or <c>*</c> for anyone signed in).
/// </summary>
internal sealed class TaxiiCollectionRow
{
    public long Id { get; set; }
    public required string CollectionId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public required string Readers { get; set; }
    public required string Writers { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>
/// One version of one STIX object in one collection: its JSON exactly as received, with the
/// properties the TAXII filters and the TLP rule need as columns. Times are microseconds since 1970.
/// </summary>
internal sealed class StixObjectRow
{
    public long Id { get; set; }
    public required string CollectionId { get; set; }
    public required string StixId { get; set; }
    public required string Type { get; set; }
    public required string Version { get; set; }
    public long VersionMicros { get; set; }
    public required string SpecVersion { get; set; }
    public string? CreatedByRef { get; set; }
    public string? Tlp { get; set; }
    public long DateAddedMicros { get; set; }
    public required string AddedBy { get; set; }
    public required string Json { get; set; }
}

/// <summary>A TAXII status resource (section 4.3): the outcome of one POST of objects, kept as the JSON served.</summary>
internal sealed class TaxiiStatusRow
{
    public long Id { get; set; }
    public required string StatusId { get; set; }
    public required string Owner { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>The module's tables, prefixed security_. One subclass per engine carries its migrations (tools/MigrationScaffolder).</summary>
internal abstract class SecurityDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AssetRow> Assets => Set<AssetRow>();
    public DbSet<VulnerabilityRow> Vulnerabilities => Set<VulnerabilityRow>();
    public DbSet<TaxiiCollectionRow> Collections => Set<TaxiiCollectionRow>();
    public DbSet<StixObjectRow> StixObjects => Set<StixObjectRow>();
    public DbSet<TaxiiStatusRow> Statuses => Set<TaxiiStatusRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<AssetRow>(e =>
        {
            e.ToTable("security_asset");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.OrganisationCode).HasColumnName("organisation_code").HasMaxLength(18);
            e.Property(x => x.OrganisationName).HasColumnName("organisation_name").HasMaxLength(200);
            e.Property(x => x.System).HasColumnName("system").HasMaxLength(200);
            e.Property(x => x.Region).HasColumnName("region").HasMaxLength(6);
            e.Property(x => x.Criticality).HasColumnName("criticality").HasMaxLength(16);
            e.Property(x => x.IpPrefixes).HasColumnName("ip_prefixes");
            e.Property(x => x.Domains).HasColumnName("domains");
            e.Property(x => x.Products).HasColumnName("products");
            e.Property(x => x.Updated).HasColumnName("updated");
            e.HasIndex(x => new { x.OrganisationCode, x.System }).IsUnique();
            e.HasIndex(x => x.Region);
        });
        b.Entity<VulnerabilityRow>(e =>
        {
            e.ToTable("security_vulnerability");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CnvdId).HasColumnName("cnvd_id").HasMaxLength(20);
            e.Property(x => x.CveId).HasColumnName("cve_id").HasMaxLength(24);
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(500);
            e.Property(x => x.Cvss31Vector).HasColumnName("cvss31_vector").HasMaxLength(200);
            e.Property(x => x.Cvss31Score).HasColumnName("cvss31_score");
            e.Property(x => x.Cvss40Vector).HasColumnName("cvss40_vector").HasMaxLength(300);
            e.Property(x => x.Cvss40Score).HasColumnName("cvss40_score");
            e.Property(x => x.Severity).HasColumnName("severity").HasMaxLength(16);
            e.Property(x => x.Exploited).HasColumnName("exploited");
            e.Property(x => x.Affected).HasColumnName("affected");
            e.Property(x => x.Published).HasColumnName("published");
            e.Property(x => x.Updated).HasColumnName("updated");
            e.HasIndex(x => x.CnvdId).IsUnique();
            e.HasIndex(x => x.CveId);
        });
        b.Entity<TaxiiCollectionRow>(e =>
        {
            e.ToTable("security_taxii_collection");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CollectionId).HasColumnName("collection_id").HasMaxLength(36);
            e.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            e.Property(x => x.Description).HasColumnName("description").HasMaxLength(2000);
            e.Property(x => x.Readers).HasColumnName("readers");
            e.Property(x => x.Writers).HasColumnName("writers");
            e.Property(x => x.Created).HasColumnName("created");
            e.HasIndex(x => x.CollectionId).IsUnique();
        });
        b.Entity<StixObjectRow>(e =>
        {
            e.ToTable("security_stix_object");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CollectionId).HasColumnName("collection_id").HasMaxLength(36);
            e.Property(x => x.StixId).HasColumnName("stix_id").HasMaxLength(300);
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(250);
            e.Property(x => x.Version).HasColumnName("version").HasMaxLength(40);
            e.Property(x => x.VersionMicros).HasColumnName("version_us");
            e.Property(x => x.SpecVersion).HasColumnName("spec_version").HasMaxLength(8);
            e.Property(x => x.CreatedByRef).HasColumnName("created_by_ref").HasMaxLength(300);
            e.Property(x => x.Tlp).HasColumnName("tlp").HasMaxLength(16);
            e.Property(x => x.DateAddedMicros).HasColumnName("date_added_us");
            e.Property(x => x.AddedBy).HasColumnName("added_by").HasMaxLength(200);
            e.Property(x => x.Json).HasColumnName("json");
            e.HasIndex(x => new { x.CollectionId, x.StixId, x.VersionMicros }).IsUnique();
            e.HasIndex(x => new { x.CollectionId, x.DateAddedMicros });
            e.HasIndex(x => new { x.CollectionId, x.Type });
        });
        b.Entity<TaxiiStatusRow>(e =>
        {
            e.ToTable("security_taxii_status");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.StatusId).HasColumnName("status_id").HasMaxLength(36);
            e.Property(x => x.Owner).HasColumnName("owner").HasMaxLength(200);
            e.Property(x => x.Json).HasColumnName("json");
            e.Property(x => x.Created).HasColumnName("created");
            e.HasIndex(x => x.StatusId).IsUnique();
        });
    }
}

internal sealed class SqliteSecurityDbContext(DbContextOptions<SqliteSecurityDbContext> options) : SecurityDbContext(options);

internal sealed class PostgresSecurityDbContext(DbContextOptions<PostgresSecurityDbContext> options) : SecurityDbContext(options);
