using System.CommandLine;

namespace IctGov.Cli;

internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV or XLSX with header indicator,region,period,value,status,published,source" };
        var observations = new Command("observations", "Import observations; any bad row rejects the whole file (exit code 1)") { file };
        observations.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"{f.FullName}: no such file");
                return 2;
            }
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            var planning = sp.Planning();
            await using var stream = f.OpenRead();
            var result = f.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? await planning.ImportXlsxAsync(stream, "cli:" + f.Name, ct)
                : await planning.ImportCsvAsync(stream, "cli:" + f.Name, ct);
            if (result.Value is not { } summary)
            {
                Console.Error.WriteLine($"{f.Name}: rejected, nothing written ({result.Errors.Count} problem(s))");
                foreach (var e in result.Errors)
                {
                    Console.Error.WriteLine($"  row {e.Row}, {e.Field}: {e.Message}");
                }
                return 1;
            }
            Console.WriteLine($"{f.Name}: {summary.Inserted} observation(s) imported, {summary.Skipped} already present (batch {summary.BatchId})");
            return 0;
        });
        return new Command("import", "Import data into the platform") { observations };
    }
}
