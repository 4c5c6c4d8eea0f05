namespace IctGov.Kernel.Security;

/// <summary>Files that hold a signing key: created once, readable and writable by the owner only.</summary>
public static class SecretFiles
{
    /// <summary>Creates <paramref name="path"/> (and its folder) with <paramref name="text"/>; fails if it exists, so a key is never overwritten.</summary>
    public static void CreateNew(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var w = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        w.Write(text);
    }
}
