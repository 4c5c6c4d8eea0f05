namespace IctGov.Kernel;

/// <summary>Which database engine holds the platform's data.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one SQLite file in the data directory.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server, for a ministry or province deployment.</summary>
    Postgres,
}

/// <summary>
/// Where the platform keeps its data. Resolved once at start-up from, in order: command-line
/// options (<c>--data</c>, <c>--db</c>, <c>--connection</c>), the environment
/// (<c>ICTGOV_DATA</c>, <c>ICTGOV_DB</c>, <c>ICTGOV_CONNECTION</c>), and the embedded default
/// (<c>./data/ictgov.db</c> under the working directory).
/// </summary>
public sealed record StorageOptions(DatabaseProvider Provider, string DataDirectory, string ConnectionString)
{
    /// <summary>Resolves storage from explicit values falling back to the environment and defaults.</summary>
    public static StorageOptions Resolve(string? dataDir, string? provider, string? connection, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var dir = Path.GetFullPath(FirstNonEmpty(dataDir, env("ICTGOV_DATA")) ?? "data");
        var providerText = FirstNonEmpty(provider, env("ICTGOV_DB")) ?? "sqlite";
        var kind = providerText.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "pg" => DatabaseProvider.Postgres,
            _ => throw new ArgumentException($"unknown database provider '{providerText}': expected sqlite or postgres"),
        };
        var conn = FirstNonEmpty(connection, env("ICTGOV_CONNECTION"));
        if (kind == DatabaseProvider.Postgres && conn is null)
        {
            throw new ArgumentException("PostgreSQL needs a connection string: pass --connection or set ICTGOV_CONNECTION");
        }
        conn ??= $"Data Source={Path.Combine(dir, "ictgov.db")}";
        return new StorageOptions(kind, dir, conn);
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
