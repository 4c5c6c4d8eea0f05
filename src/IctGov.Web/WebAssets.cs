using Microsoft.Extensions.FileProviders;

namespace IctGov.Web;

/// <summary>The platform's shared static files (ECharts, CSS), embedded in this assembly.</summary>
public static class WebAssets
{
    /// <summary>A file provider over the embedded wwwroot.</summary>
    public static IFileProvider FileProvider { get; } = new ManifestEmbeddedFileProvider(typeof(WebAssets).Assembly, "wwwroot");

    /// <summary>Reads an embedded asset as text, e.g. <c>lib/echarts/echarts.min.js</c> to inline into a printable report.</summary>
    public static string ReadText(string path)
    {
        var file = FileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"embedded asset '{path}' is missing");
        }
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd();
    }
}
