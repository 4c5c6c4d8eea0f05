using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Mvc.RazorPages;

using IctGov.Testing;

namespace IctGov.Tests;

/// <summary>
/// Module boundaries and the module shape (after kgrzybek/modular-monolith-with-ddd's ModuleTests).
/// The module list is the host's own discovery, never a list kept here.
/// </summary>
public class ArchitectureTests
{
    private static readonly IReadOnlyList<PlatformModule> Modules = PlatformModules.All.Modules;

    private static string AssemblyName(PlatformModule m) => m.GetType().Assembly.GetName().Name!;

    private static string RootNamespace(PlatformModule m) => m.GetType().Namespace!;

    [Fact]
    public void Host_DiscoversEveryModuleProject()
    {
        var root = Repository.Root;
        var projects = Directory.GetDirectories(Path.Combine(root, "src", "Modules"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any())
            .Select(d => "IctGov." + Path.GetFileName(d))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(projects, Modules.Select(AssemblyName).Order(StringComparer.Ordinal));
        // Each project declares exactly one entry type, public, sealed, named after the module.
        foreach (var m in Modules)
        {
            var t = m.GetType();
            Assert.True(t.IsSealed, $"{t} must be sealed");
            Assert.Equal(m.Name + "Module", t.Name);
            Assert.Single(ModuleSet.ModulesIn(t.Assembly));
        }
    }

    /// <summary>Every type a module's compiled code refers to in another module must be in that module's Contracts.</summary>
    [Fact]
    public void Modules_UseEachOtherOnlyThroughContracts()
    {
        var problems = new List<string>();
        foreach (var module in Modules)
        {
            var others = Modules.Where(o => o != module).Select(RootNamespace).ToList();
            problems.AddRange(ReferencesOutsideContracts(module.GetType().Assembly.Location, others, allowEntryTypes: false)
                .Select(r => $"{module.Name} uses {r}"));
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The executable wires modules and runs commands through their Contracts; it never reaches inside.</summary>
    [Fact]
    public void Host_UsesModulesOnlyThroughContractsAndEntryTypes()
    {
        var problems = ReferencesOutsideContracts(typeof(PlatformHost).Assembly.Location, Modules.Select(RootNamespace).ToList(), allowEntryTypes: true);
        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct()));
    }

    /// <summary>
    /// What a module shows the rest of the platform is its entry type and its Contracts; everything else
    /// is internal (page models are public because Razor Pages requires it; EF's scaffolded
    /// migrations are public by its template and carry no data of their own).
    /// </summary>
    [Fact]
    public void Modules_ExposeNothingButEntryTypeContractsAndPages()
    {
        var leaked = new List<string>();
        foreach (var module in Modules)
        {
            var root = RootNamespace(module);
            foreach (var t in module.GetType().Assembly.GetExportedTypes())
            {
                var ns = t.Namespace ?? "";
                var allowed = t == module.GetType()
                    || ns == root + ".Contracts" || ns.StartsWith(root + ".Contracts.", StringComparison.Ordinal)
                    || ns.Contains(".Data.Migrations", StringComparison.Ordinal)
                    || (ns.StartsWith(root + ".Pages", StringComparison.Ordinal) && (typeof(PageModel).IsAssignableFrom(t) || IsGeneratedView(t)));
                if (!allowed)
                {
                    leaked.Add(t.FullName!);
                }
            }
        }
        Assert.True(leaked.Count == 0, string.Join('\n', leaked));
    }

    [Fact]
    public void Kernel_HasNoBusinessModuleOrWebDependency()
    {
        var kernel = typeof(Kernel.Region).Assembly;
        var referenced = kernel.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, n => n.StartsWith("IctGov.", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    /// <summary>The platform kit (kernel, data, web) knows no module: modules depend on it, never the reverse.</summary>
    [Fact]
    public void PlatformKit_ReferencesNoModule()
    {
        foreach (var kit in new[] { typeof(Kernel.Region).Assembly, typeof(Data.ModuleStorage).Assembly, typeof(PlatformModule).Assembly })
        {
            var referenced = kit.GetReferencedAssemblies().Select(a => a.Name!).ToList();
            Assert.DoesNotContain(referenced, n => Modules.Any(m => AssemblyName(m) == n));
        }
    }

    /// <summary>Every menu entry has both labels and a path of its own.</summary>
    [Fact]
    public void Modules_NameTheirMenuEntriesInBothLanguages()
    {
        foreach (var item in Modules.SelectMany(m => m.Navigation))
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Zh));
            Assert.False(string.IsNullOrWhiteSpace(item.En));
            Assert.StartsWith("/", item.Href, StringComparison.Ordinal);
        }
        Assert.Equal(Modules.SelectMany(m => m.Navigation).Count(), Modules.SelectMany(m => m.Navigation).Select(i => i.Href).Distinct().Count());
    }

    // Razor compiles each .cshtml into a class named after its path (AspNetCoreGeneratedDocument or the page's namespace).
    private static bool IsGeneratedView(Type t) => t.GetCustomAttributes().Any(a => a.GetType().Name == "RazorCompiledItemMetadataAttribute" || a.GetType().Name == "RazorSourceChecksumAttribute")
        || typeof(Microsoft.AspNetCore.Mvc.Razor.IRazorPage).IsAssignableFrom(t);

    private static List<string> ReferencesOutsideContracts(string assemblyPath, IReadOnlyList<string> moduleNamespaces, bool allowEntryTypes)
    {
        var found = new List<string>();
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        foreach (var handle in md.TypeReferences)
        {
            var t = md.GetTypeReference(handle);
            var ns = md.GetString(t.Namespace);
            var name = md.GetString(t.Name);
            foreach (var root in moduleNamespaces)
            {
                var inModule = ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
                var inContracts = ns == root + ".Contracts" || ns.StartsWith(root + ".Contracts.", StringComparison.Ordinal);
                var isEntry = ns == root && name == Modules.Single(m => RootNamespace(m) == root).GetType().Name;
                if (inModule && !inContracts && !(allowEntryTypes && isEntry))
                {
                    found.Add($"{ns}.{name}");
                }
            }
        }
        return found;
    }
}
