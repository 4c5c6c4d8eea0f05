// Scaffolds EF Core migrations for a module's contexts on both engines. It does what
// `dotnet ef migrations add` does, through EF's own design-time services, because the platform
// must build with nothing but the SDK and NuGet packages (no global tools).
//
//   dotnet run --project tools/MigrationScaffolder -- <Module> <MigrationName>
//   e.g. dotnet run --project tools/MigrationScaffolder -- Planning AddSnapshots
//
// A module's contexts are the non-abstract DbContext types of assembly IctGov.<Module> named
// Sqlite*DbContext and Postgres*DbContext; migrations go to src/Modules/<Module>/Data/Migrations/{Sqlite,Postgres}.
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MigrationScaffolder <Module> <MigrationName>");
    return 2;
}
var (module, name) = (args[0], args[1]);
var root = FindRepoRoot();
var assembly = Assembly.Load("IctGov." + module);
var projectDir = Path.Combine(root, "src", "Modules", module);
var contexts = assembly.GetTypes().Where(t => typeof(DbContext).IsAssignableFrom(t) && !t.IsAbstract).ToList();

// The providers' design-time services are marked internal by EF; this is the same call the ef tool makes.
#pragma warning disable EF1001
foreach (var type in contexts.Where(t => t.Name.StartsWith("Sqlite", StringComparison.Ordinal)))
{
    var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type))!;
    var options = builder.UseSqlite("Data Source=:memory:").Options;
    Scaffold((DbContext)Activator.CreateInstance(type, options)!, new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(),
        projectDir, assembly.GetName().Name!, "Data/Migrations/Sqlite", name);
}
foreach (var type in contexts.Where(t => t.Name.StartsWith("Postgres", StringComparison.Ordinal)))
{
    var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type))!;
    var options = builder.UseNpgsql("Host=localhost").Options;
    Scaffold((DbContext)Activator.CreateInstance(type, options)!, new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(),
        projectDir, assembly.GetName().Name!, "Data/Migrations/Postgres", name);
}
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
