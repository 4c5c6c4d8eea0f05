using System.CommandLine;
using IctGov.Kernel;
using IctGov.Planning.Contracts;

namespace IctGov.Cli;

/// <summary>Options every command shares, and the service provider the offline commands run on.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Data = new("--data") { Description = "Data directory (default ./data, or ICTGOV_DATA)", Recursive = true };
    public static readonly Option<string?> Db = new("--db") { Description = "Database: sqlite (default) or postgres (or ICTGOV_DB)", Recursive = true };
    public static readonly Option<string?> Connection = new("--connection") { Description = "Connection string for postgres (or ICTGOV_CONNECTION)", Recursive = true };

    public static StorageOptions Storage(ParseResult parse) =>
        StorageOptions.Resolve(parse.GetValue(Data), parse.GetValue(Db), parse.GetValue(Connection));

    /// <summary>A DI container with the modules but no web server, migrated and seeded.</summary>
    public static async Task<ServiceProvider> OfflineAsync(ParseResult parse, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        // The same configuration sources as the server's environment, so a module's settings agree.
        services.AddPlatform(Storage(parse), new ConfigurationBuilder().AddEnvironmentVariables().Build());
        var provider = services.BuildServiceProvider();
        await provider.InitializePlatformAsync(ct);
        return provider;
    }

    public static IPlanningFacade Planning(this IServiceProvider sp) => sp.CreateScope().ServiceProvider.GetRequiredService<IPlanningFacade>();

    /// <summary>The --as-of option's date, or today (in Beijing); says on standard error what was wrong.</summary>
    public static bool TryAsOf(ParseResult parse, Option<string?> asOf, DateOnly today, out DateOnly date)
    {
        if (TryDate(parse.GetValue(asOf), today, out date))
        {
            return true;
        }
        Console.Error.WriteLine($"--as-of '{parse.GetValue(asOf)}' is not a date: expected YYYY-MM-DD");
        return false;
    }

    /// <summary>Parses YYYY-MM-DD or returns today.</summary>
    public static bool TryDate(string? text, DateOnly today, out DateOnly date)
    {
        date = today;
        return string.IsNullOrEmpty(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);
    }
}
