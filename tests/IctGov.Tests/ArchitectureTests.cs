using System.Xml.Linq;

namespace IctGov.Tests;

/// <summary>Module boundaries (after kgrzybek/modular-monolith-with-ddd's ModuleTests).</summary>
public class ArchitectureTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IctGov.slnx")))
        {
            dir = dir.Parent;
        }
        return dir!.FullName;
    }

    [Fact]
    public void Modules_DoNotReferenceEachOther()
    {
        var modules = Directory.GetFiles(Path.Combine(Root(), "src", "Modules"), "*.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(modules);
        foreach (var project in modules)
        {
            var refs = XDocument.Load(project).Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!).ToList();
            Assert.All(refs, r => Assert.DoesNotContain("Modules", Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, r)).Replace(Path.Combine(Root(), "src", "Modules"), "", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Kernel_HasNoBusinessModuleOrWebDependency()
    {
        var kernel = typeof(Kernel.Region).Assembly;
        var referenced = kernel.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, n => n.StartsWith("IctGov.", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Planning_DataAndCatalogueTypes_AreInternal()
    {
        var planning = typeof(Planning.PlanningModule).Assembly;
        var leaked = planning.GetExportedTypes()
            // EF's migration template makes scaffolded migrations public; they carry no data of their own.
            .Where(t => t.Namespace is { } ns && !ns.Contains(".Data.Migrations", StringComparison.Ordinal) && (ns.EndsWith(".Data", StringComparison.Ordinal) || ns.Contains(".Data.", StringComparison.Ordinal) || ns.EndsWith(".Catalogue", StringComparison.Ordinal)))
            .Select(t => t.FullName).ToList();
        Assert.Empty(leaked);
    }
}
