// Scaffolds EF Core migrations for every module context on both engines. It does what
// `dotnet ef migrations add` does, through EF's own design-time services, because the platform
// must build with nothing but the SDK and NuGet packages (no global tools).
//
//   dotnet run --project tools/MigrationScaffolder -- <MigrationName>
using IctGov.Planning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: MigrationScaffolder <MigrationName>");
    return 2;
}
var name = args[0];
var root = FindRepoRoot();

// The providers' design-time services are marked internal by EF; this is the same call the ef tool makes.
#pragma warning disable EF1001
Scaffold(new SqlitePlanningDbContext(new DbContextOptionsBuilder<SqlitePlanningDbContext>().UseSqlite("Data Source=:memory:").Options),
    new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(), Path.Combine(root, "src/Modules/Planning"), "IctGov.Planning", "Data/Migrations/Sqlite", name);
Scaffold(new PostgresPlanningDbContext(new DbContextOptionsBuilder<PostgresPlanningDbContext>().UseNpgsql("Host=localhost").Options),
    new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(), Path.Combine(root, "src/Modules/Planning"), "IctGov.Planning", "Data/Migrations/Postgres", name);
#pragma warning restore EF1001
return 0;

static void Scaffold(DbContext context, IDesignTimeServices providerServices, string projectDir, string rootNamespace, string subDir, string name)
{
    var services = new ServiceCollection()
        .AddEntityFrameworkDesignTimeServices()
        .AddDbContextDesignTimeServices(context);
    providerServices.ConfigureDesignTimeServices(services);
    using var sp = services.BuildServiceProvider();
    var scaffolder = sp.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, rootNamespace, subDir.Replace('/', '.'), "C#");
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, subDir));
    Console.WriteLine($"{context.GetType().Name}: {files.MigrationFile}");
}

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IctGov.slnx")))
    {
        dir = dir.Parent;
    }
    return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}
