using Microsoft.EntityFrameworkCore;

namespace IctGov.Sample.Data;

internal sealed class SampleItem
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public DateOnly Registered { get; set; }
}

/// <summary>
/// The module's tables, prefixed with its name. One subclass per engine carries that engine's
/// migrations: `dotnet run --project tools/MigrationScaffolder -- Sample Initial` writes both.
/// </summary>
internal abstract class SampleDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SampleItem> Items => Set<SampleItem>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<SampleItem>(e =>
        {
            e.ToTable("sample_item");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
            e.Property(x => x.NameZh).HasColumnName("name_zh").HasMaxLength(200);
            e.Property(x => x.NameEn).HasColumnName("name_en").HasMaxLength(200);
            e.Property(x => x.Registered).HasColumnName("registered");
            e.HasIndex(x => x.Code).IsUnique();
        });
    }
}

internal sealed class SqliteSampleDbContext(DbContextOptions<SqliteSampleDbContext> options) : SampleDbContext(options);

internal sealed class PostgresSampleDbContext(DbContextOptions<PostgresSampleDbContext> options) : SampleDbContext(options);
