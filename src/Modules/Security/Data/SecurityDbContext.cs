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

/// <summary>The module's tables, prefixed security_. One subclass per engine carries its migrations (tools/MigrationScaffolder).</summary>
internal abstract class SecurityDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AssetRow> Assets => Set<AssetRow>();
    public DbSet<VulnerabilityRow> Vulnerabilities => Set<VulnerabilityRow>();

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
    }
}

internal sealed class SqliteSecurityDbContext(DbContextOptions<SqliteSecurityDbContext> options) : SecurityDbContext(options);

internal sealed class PostgresSecurityDbContext(DbContextOptions<PostgresSecurityDbContext> options) : SecurityDbContext(options);
