using Microsoft.EntityFrameworkCore;

namespace IctGov.Resources.Data;

/// <summary>A filing subject (备案主体): an organisation by its credit code or an individual by a masked identity number.</summary>
internal sealed class SubjectRow
{
    public long Id { get; set; }
    /// <summary>organisation | individual.</summary>
    public required string Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>GB 32100-2015 code of an organisation; null for an individual.</summary>
    public string? CreditCode { get; set; }
    /// <summary>An individual's identity number with all but the province digits and the check character starred.</summary>
    public string? IdMasked { get; set; }
    /// <summary>SHA-256 of an individual's identity number: the same person is one subject.</summary>
    public string? IdFingerprint { get; set; }
    public required string RegionCode { get; set; }
    public DateOnly Registered { get; set; }
    /// <summary>The subject's ICP filing number (京ICP备12345678号), given at its first approved filing.</summary>
    public string? FilingNumber { get; set; }
    /// <summary>Websites numbered so far (-1, -2, …).</summary>
    public int Websites { get; set; }
    /// <summary>Apps numbered so far (-1A, -2A, …).</summary>
    public int Apps { get; set; }
}

/// <summary>An ICP filing (网站备案 / APP备案) of a subject, through an access provider, decided by the subject's province.</summary>
internal sealed class FilingRow
{
    public long Id { get; set; }
    /// <summary>website | app.</summary>
    public required string Kind { get; set; }
    public long SubjectId { get; set; }
    /// <summary>The subject's province: the administration that decides.</summary>
    public required string RegionCode { get; set; }
    public long ProviderId { get; set; }
    public required string Name { get; set; }
    /// <summary>Domains (A-label form) separated by spaces.</summary>
    public required string Domains { get; set; }
    /// <summary>Addresses it is served from, separated by spaces.</summary>
    public required string Addresses { get; set; }
    public required string ResponsibleName { get; set; }
    /// <summary>The person in charge's identity number, masked (the number itself is not kept).</summary>
    public required string ResponsibleIdMasked { get; set; }
    public required string Category { get; set; }
    /// <summary>submitted → verified → approved | returned; approved → cancelled.</summary>
    public required string State { get; set; }
    public DateOnly Submitted { get; set; }
    public DateOnly? Verified { get; set; }
    /// <summary>The last working day the province may decide on (20 working days after verification).</summary>
    public DateOnly? Deadline { get; set; }
    public DateOnly? Decided { get; set; }
    /// <summary>The filing number once approved (京ICP备12345678号-1, …-1A for an app).</summary>
    public string? Number { get; set; }
    public string? Reasons { get; set; }
}

/// <summary>One step in a filing's history: who did what, when, with what note.</summary>
internal sealed class FilingEventRow
{
    public long Id { get; set; }
    public long FilingId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string Action { get; set; }
    public required string State { get; set; }
    public string? Note { get; set; }
}

/// <summary>A cross-verification finding (全量核查): a rule a pair of records breaks, assigned and closed with a note.</summary>
internal sealed class FindingRow
{
    public long Id { get; set; }
    public required string Rule { get; set; }
    /// <summary>The rule and the records, so a finding is recorded once however often the check runs.</summary>
    public required string Key { get; set; }
    public required string Record { get; set; }
    public string? Other { get; set; }
    public required string Message { get; set; }
    public required string RegionCode { get; set; }
    /// <summary>open | assigned | closed.</summary>
    public required string State { get; set; }
    public string? Assignee { get; set; }
    public string? Note { get; set; }
    public DateOnly Found { get; set; }
}

/// <summary>An access provider (接入服务商): an operator, IDC or cloud company sites are hosted through.</summary>
internal sealed class ProviderRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string CreditCode { get; set; }
    /// <summary>Its value-added telecom licence number (e.g. B1-20180001); checked by the licensing system later.</summary>
    public string? LicenceNumber { get; set; }
    public required string RegionCode { get; set; }
    public DateOnly Registered { get; set; }
}

/// <summary>A registered domain name.</summary>
internal sealed class DomainRow
{
    public long Id { get; set; }
    /// <summary>A-label form, lower case: the key.</summary>
    public required string Name { get; set; }
    public required string UnicodeName { get; set; }
    public required string Registrar { get; set; }
    public long? RegistrantId { get; set; }
    public required string RegistrantName { get; set; }
    /// <summary>EPP status codes separated by spaces.</summary>
    public required string Statuses { get; set; }
    public DateOnly Created { get; set; }
    public DateOnly Expires { get; set; }
    public DateOnly Updated { get; set; }
    public List<NameServerRow> NameServers { get; set; } = [];
}

/// <summary>A name server of a domain (its host name), one row per delegation.</summary>
internal sealed class NameServerRow
{
    public long Id { get; set; }
    public long DomainId { get; set; }
    public required string Host { get; set; }
    public required string UnicodeHost { get; set; }
    public int Position { get; set; }
}

/// <summary>An IPv4/IPv6 block in the allocation hierarchy: registry → allocation (operator) → assignment (customer).</summary>
internal sealed class PrefixRow
{
    public long Id { get; set; }
    /// <summary>4 or 6.</summary>
    public int Version { get; set; }
    /// <summary>Canonical CIDR text, e.g. 203.0.113.0/24.</summary>
    public required string Prefix { get; set; }
    /// <summary>First address as 32 hex digits: ordered like the address, so ranges compare as text.</summary>
    public required string FirstKey { get; set; }
    public required string LastKey { get; set; }
    public int Length { get; set; }
    public long? ParentId { get; set; }
    /// <summary>registry | allocation | assignment.</summary>
    public required string Kind { get; set; }
    public required string Holder { get; set; }
    /// <summary>The access provider holding the block, when the holder is one.</summary>
    public long? ProviderId { get; set; }
    public string? Purpose { get; set; }
    public required string RegionCode { get; set; }
    public DateOnly Allocated { get; set; }
}

/// <summary>
/// The module's tables, prefixed <c>resources_</c>. One subclass per engine carries that engine's
/// migrations (tools/MigrationScaffolder).
/// </summary>
internal abstract class ResourcesDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SubjectRow> Subjects => Set<SubjectRow>();
    public DbSet<ProviderRow> Providers => Set<ProviderRow>();
    public DbSet<DomainRow> Domains => Set<DomainRow>();
    public DbSet<NameServerRow> NameServers => Set<NameServerRow>();
    public DbSet<PrefixRow> Prefixes => Set<PrefixRow>();
    public DbSet<FilingRow> Filings => Set<FilingRow>();
    public DbSet<FilingEventRow> FilingEvents => Set<FilingEventRow>();
    public DbSet<FindingRow> Findings => Set<FindingRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<SubjectRow>(e =>
        {
            e.ToTable("resources_subject");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.CreditCode).HasColumnName("credit_code").HasMaxLength(18);
            e.Property(x => x.IdMasked).HasColumnName("id_masked").HasMaxLength(18);
            e.Property(x => x.IdFingerprint).HasColumnName("id_fingerprint").HasMaxLength(64);
            e.Property(x => x.RegionCode).HasColumnName("region_code").HasMaxLength(6);
            e.Property(x => x.Registered).HasColumnName("registered");
            e.Property(x => x.FilingNumber).HasColumnName("filing_number").HasMaxLength(32);
            e.Property(x => x.Websites).HasColumnName("websites");
            e.Property(x => x.Apps).HasColumnName("apps");
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => x.IdFingerprint).IsUnique();
            e.HasIndex(x => x.Name);
            e.HasIndex(x => x.FilingNumber).IsUnique();
        });
        b.Entity<FilingRow>(e =>
        {
            e.ToTable("resources_filing");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.SubjectId).HasColumnName("subject_id");
            e.Property(x => x.RegionCode).HasColumnName("region_code").HasMaxLength(6);
            e.Property(x => x.ProviderId).HasColumnName("provider_id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.Domains).HasColumnName("domains").HasMaxLength(4000);
            e.Property(x => x.Addresses).HasColumnName("addresses").HasMaxLength(4000);
            e.Property(x => x.ResponsibleName).HasColumnName("responsible_name").HasMaxLength(100);
            e.Property(x => x.ResponsibleIdMasked).HasColumnName("responsible_id_masked").HasMaxLength(18);
            e.Property(x => x.Category).HasColumnName("category").HasMaxLength(100);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16);
            e.Property(x => x.Submitted).HasColumnName("submitted");
            e.Property(x => x.Verified).HasColumnName("verified");
            e.Property(x => x.Deadline).HasColumnName("deadline");
            e.Property(x => x.Decided).HasColumnName("decided");
            e.Property(x => x.Number).HasColumnName("number").HasMaxLength(40);
            e.Property(x => x.Reasons).HasColumnName("reasons").HasMaxLength(2000);
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.RegionCode, x.State });
            e.HasIndex(x => x.SubjectId);
            e.HasOne<SubjectRow>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ProviderRow>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<FindingRow>(e =>
        {
            e.ToTable("resources_finding");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Rule).HasColumnName("rule").HasMaxLength(40);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(600);
            e.Property(x => x.Record).HasColumnName("record").HasMaxLength(300);
            e.Property(x => x.Other).HasColumnName("other").HasMaxLength(300);
            e.Property(x => x.Message).HasColumnName("message").HasMaxLength(1000);
            e.Property(x => x.RegionCode).HasColumnName("region_code").HasMaxLength(6);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16);
            e.Property(x => x.Assignee).HasColumnName("assignee").HasMaxLength(200);
            e.Property(x => x.Note).HasColumnName("note").HasMaxLength(2000);
            e.Property(x => x.Found).HasColumnName("found");
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => new { x.State, x.Rule });
        });
        b.Entity<FilingEventRow>(e =>
        {
            e.ToTable("resources_filing_event");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.FilingId).HasColumnName("filing_id");
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.ActorId).HasColumnName("actor_id").HasMaxLength(200);
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(32);
            e.Property(x => x.State).HasColumnName("state").HasMaxLength(16);
            e.Property(x => x.Note).HasColumnName("note").HasMaxLength(2000);
            e.HasIndex(x => x.FilingId);
            e.HasOne<FilingRow>().WithMany().HasForeignKey(x => x.FilingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProviderRow>(e =>
        {
            e.ToTable("resources_provider");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.CreditCode).HasColumnName("credit_code").HasMaxLength(18);
            e.Property(x => x.LicenceNumber).HasColumnName("licence_number").HasMaxLength(40);
            e.Property(x => x.RegionCode).HasColumnName("region_code").HasMaxLength(6);
            e.Property(x => x.Registered).HasColumnName("registered");
            e.HasIndex(x => x.CreditCode).IsUnique();
        });
        b.Entity<DomainRow>(e =>
        {
            e.ToTable("resources_domain");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(253);
            e.Property(x => x.UnicodeName).HasColumnName("unicode_name").HasMaxLength(253);
            e.Property(x => x.Registrar).HasColumnName("registrar").HasMaxLength(200);
            e.Property(x => x.RegistrantId).HasColumnName("registrant_id");
            e.Property(x => x.RegistrantName).HasColumnName("registrant_name").HasMaxLength(200);
            e.Property(x => x.Statuses).HasColumnName("statuses").HasMaxLength(400);
            e.Property(x => x.Created).HasColumnName("created");
            e.Property(x => x.Expires).HasColumnName("expires");
            e.Property(x => x.Updated).HasColumnName("updated");
            e.HasIndex(x => x.Name).IsUnique();
            e.HasIndex(x => x.RegistrantId);
            e.HasOne<SubjectRow>().WithMany().HasForeignKey(x => x.RegistrantId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.NameServers).WithOne().HasForeignKey(x => x.DomainId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NameServerRow>(e =>
        {
            e.ToTable("resources_name_server");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.DomainId).HasColumnName("domain_id");
            e.Property(x => x.Host).HasColumnName("host").HasMaxLength(253);
            e.Property(x => x.UnicodeHost).HasColumnName("unicode_host").HasMaxLength(253);
            e.Property(x => x.Position).HasColumnName("position");
            e.HasIndex(x => x.Host);
            e.HasIndex(x => new { x.DomainId, x.Host }).IsUnique();
        });
        b.Entity<PrefixRow>(e =>
        {
            e.ToTable("resources_prefix");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Prefix).HasColumnName("prefix").HasMaxLength(64);
            e.Property(x => x.FirstKey).HasColumnName("first_key").HasMaxLength(32);
            e.Property(x => x.LastKey).HasColumnName("last_key").HasMaxLength(32);
            e.Property(x => x.Length).HasColumnName("length");
            e.Property(x => x.ParentId).HasColumnName("parent_id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Holder).HasColumnName("holder").HasMaxLength(200);
            e.Property(x => x.ProviderId).HasColumnName("provider_id");
            e.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(200);
            e.Property(x => x.RegionCode).HasColumnName("region_code").HasMaxLength(6);
            e.Property(x => x.Allocated).HasColumnName("allocated");
            e.HasIndex(x => x.Prefix).IsUnique();
            e.HasIndex(x => new { x.Version, x.FirstKey });
            e.HasIndex(x => x.ParentId);
            e.HasOne<PrefixRow>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ProviderRow>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        });
        Configure(b);
    }

    /// <summary>What one engine adds to the model.</summary>
    protected virtual void Configure(ModelBuilder b) { }
}

internal sealed class SqliteResourcesDbContext(DbContextOptions<SqliteResourcesDbContext> options) : ResourcesDbContext(options);

internal sealed class PostgresResourcesDbContext(DbContextOptions<PostgresResourcesDbContext> options) : ResourcesDbContext(options)
{
    // Range keys compare byte by byte, as SQLite's BINARY collation does, whatever the database's default collation.
    protected override void Configure(ModelBuilder b) => b.Entity<PrefixRow>(e =>
    {
        e.Property(x => x.FirstKey).UseCollation("C");
        e.Property(x => x.LastKey).UseCollation("C");
    });
}
