namespace IctGov.Testing;

/// <summary>The checkout the tests run from, for tests that read the repository's own files (the plan, shipped data).</summary>
public static class Repository
{
    /// <summary>The folder holding IctGov.slnx, found upwards from the test assembly.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IctGov.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("IctGov.slnx not found above " + AppContext.BaseDirectory);
    }
}
