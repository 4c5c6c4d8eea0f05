using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Access.Data;

/// <summary>
/// The Access module's own tables, prefixed <c>access_</c>, Identity's included (their default
/// AspNet* names and generic index names would collide with other modules in one PostgreSQL schema).
/// One subclass per engine carries that engine's migrations.
/// </summary>
internal abstract class AccessDbContext(DbContextOptions options) : IdentityUserContext<AccessUser>(options)
{
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AccessUser>(e =>
        {
            e.ToTable("access_users");
            e.HasIndex(u => u.NormalizedUserName).HasDatabaseName("IX_access_users_NormalizedUserName");
            e.HasIndex(u => u.NormalizedEmail).HasDatabaseName("IX_access_users_NormalizedEmail");
            e.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(u => u.RegionCode).HasMaxLength(6);
            e.Property(u => u.UnitId).HasMaxLength(32);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.CreatedBy).HasMaxLength(200);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentityUserClaim<string>>().ToTable("access_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("access_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("access_user_tokens");
        builder.Entity<OrgUnit>(e =>
        {
            e.ToTable("access_org_units");
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.NameZh).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.Property(x => x.ParentId).HasMaxLength(32);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.RegionCode);
        });
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("access_api_tokens");
            e.Property(x => x.Id).HasMaxLength(16);
            e.Property(x => x.Hash).HasMaxLength(32);
            e.Property(x => x.UnitId).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.Property(x => x.RevokedBy).HasMaxLength(200);
            e.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>The embedded SQLite engine; its migrations live in Data/Migrations/Sqlite.</summary>
internal sealed class SqliteAccessDbContext(DbContextOptions<SqliteAccessDbContext> options) : AccessDbContext(options);

/// <summary>The PostgreSQL engine; its migrations live in Data/Migrations/Postgres.</summary>
internal sealed class PostgresAccessDbContext(DbContextOptions<PostgresAccessDbContext> options) : AccessDbContext(options);
