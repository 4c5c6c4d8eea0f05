using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace IctGov.Tests;

/// <summary>Module boundaries (after kgrzybek/modular-monolith-with-ddd's ModuleTests).</summary>
public class ArchitectureTests
{
    private static readonly string[] Modules = ["Planning", "Audit", "Access", "Collection", "Identifiers", "NetworkQuality"];

    /// <summary>Every type a module's compiled code refers to in another module must be in that module's Contracts.</summary>
    [Fact]
    public void Modules_UseEachOtherOnlyThroughContracts()
    {
        var problems = new List<string>();
        foreach (var module in Modules)
        {
            var path = Path.Combine(AppContext.BaseDirectory, $"IctGov.{module}.dll");
            Assert.True(File.Exists(path), $"{path} missing");
            using var pe = new PEReader(File.OpenRead(path));
            var md = pe.GetMetadataReader();
            foreach (var handle in md.TypeReferences)
            {
                var t = md.GetTypeReference(handle);
                var ns = md.GetString(t.Namespace);
                foreach (var other in Modules.Where(m => m != module))
                {
                    var prefix = $"IctGov.{other}";
                    if ((ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal)) && !ns.StartsWith(prefix + ".Contracts", StringComparison.Ordinal))
                    {
                        problems.Add($"{module} uses {ns}.{md.GetString(t.Name)}");
                    }
                }
            }
        }
        Assert.Empty(problems);
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
