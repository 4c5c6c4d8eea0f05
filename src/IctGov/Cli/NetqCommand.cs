using System.CommandLine;
using IctGov.NetworkQuality.Contracts;

namespace IctGov.Cli;

/// <summary>
/// <c>ictgov netq …</c>: speed-test measurements. The store is a DuckDB file one process opens at a
/// time; while <c>ictgov serve</c> runs on the same data directory, push through its API instead.
/// </summary>
internal static class NetqCommand
{
    public static Command Create() =>
        new("netq", "Network quality (网络质量监测): speed-test measurements, edge rates, the bar") { Import(), Summary(), RebuildRollups() };

    private static Command Import()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV (documented header), JSON lines, Parquet, or an M-Lab NDT unified export (CSV or JSON lines)" };
        var format = new Option<string?>("--format") { Description = "csv | jsonl | parquet | ndt | ndt-upload (default: from the extension)" };
        var import = new Command("import", "Import measurements; any bad row rejects the whole file (exit code 1), duplicate ids are ignored") { file, format };
        import.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"{f.FullName}: no such file");
                return 2;
            }
            return await WithStoreAsync(parse, async netq =>
            {
                var r = await netq.ImportFileAsync(f.FullName, parse.GetValue(format), ct);
                if (r.FileError is { } error)
                {
                    Console.Error.WriteLine($"{f.Name}: rejected, nothing written: {error}");
                    return 1;
                }
                foreach (var s in r.SkippedRows) Console.Error.WriteLine($"  row {s.Row}: {s.Message}");
                if (r.Skipped > r.SkippedRows.Count) Console.Error.WriteLine($"  … {r.Skipped - r.SkippedRows.Count} more skipped");
                if (!r.Succeeded)
                {
                    Console.Error.WriteLine($"{f.Name}: rejected, nothing written: {r.Rejected} bad row(s) of {r.Rows}");
                    foreach (var p in r.Problems)
                    {
                        Console.Error.WriteLine($"  {p}; got {(p.Value is null ? "nothing" : $"'{p.Value}'")}");
                    }
                    if (r.Rejected > r.Problems.Count) Console.Error.WriteLine($"  … {r.Rejected - r.Problems.Count} more bad row(s)");
                    return 1;
                }
                Console.WriteLine($"{f.Name}: {r.Rows} row(s): {r.Inserted} inserted, {r.Duplicates} duplicate(s) ignored, {r.Skipped} skipped, 0 rejected");
                return 0;
            });
        });
        return import;
    }

    private static Command Summary()
    {
        var groupBy = new Option<string?>("--group-by") { Description = "province, city, operator, technology, segment, source, hour, day, week, month (comma-separated)" };
        var from = new Option<string?>("--from") { Description = "First local (Beijing) date, YYYY-MM-DD" };
        var to = new Option<string?>("--to") { Description = "Last local (Beijing) date, YYYY-MM-DD" };
        Option<string?> Filter(string name) => new("--" + name) { Description = $"Only this {name} code" };
        var (province, city, op, technology, segment, source) = (Filter("province"), Filter("city"), Filter("operator"), Filter("technology"), Filter("segment"), Filter("source"));
        var output = new Option<string>("--format") { Description = "table | json | csv", DefaultValueFactory = _ => "table" };
        var sqlOnly = new Option<bool>("--sql") { Description = "Print the query as SQL to run directly in DuckDB, instead of running it" };
        var summary = new Command("summary", "Exact statistics per group: the rows of GET /api/v1/netq/summary") { groupBy, from, to, output, sqlOnly };
        foreach (var o in new[] { province, city, op, technology, segment, source }) summary.Options.Add(o);
        summary.SetAction(async (parse, ct) =>
        {
            var fmt = parse.GetValue(output)?.ToLowerInvariant() switch
            {
                "json" => NetqOutputFormat.Json,
                "csv" => NetqOutputFormat.Csv,
                "table" => NetqOutputFormat.Table,
                _ => (NetqOutputFormat?)null,
            };
            if (fmt is null)
            {
                Console.Error.WriteLine("--format: expected table, json or csv");
                return 2;
            }
            // The same request as GET /api/v1/netq/summary, checked the same way.
            var text = new NetqSummaryText
            {
                GroupBy = parse.GetValue(groupBy), From = parse.GetValue(from), To = parse.GetValue(to),
                Province = parse.GetValue(province), City = parse.GetValue(city), Operator = parse.GetValue(op),
                Technology = parse.GetValue(technology), Segment = parse.GetValue(segment), Source = parse.GetValue(source),
            };
            var problems = new Dictionary<string, string[]>();
            if (text.ToQuery(problems) is not { } query)
            {
                foreach (var (k, v) in problems) Console.Error.WriteLine($"{(k == "groupBy" ? "--group-by" : "--" + k)}: {string.Join("; ", v)}");
                return 2;
            }
            return await WithStoreAsync(parse, async netq =>
            {
                if (parse.GetValue(sqlOnly))
                {
                    Console.WriteLine(netq.SummarySql(query));
                    return 0;
                }
                await using var stdout = Console.OpenStandardOutput();
                await netq.WriteSummaryAsync(query, stdout, fmt.Value, ct);
                return 0;
            });
        });
        return summary;
    }

    private static Command RebuildRollups()
    {
        var rebuild = new Command("rebuild-rollups", "Recompute the roll-ups from the stored measurements (after changing bars, or to compact them)");
        rebuild.SetAction(async (parse, ct) => await WithStoreAsync(parse, async netq =>
        {
            await netq.RebuildRollupsAsync(ct);
            Console.WriteLine("roll-ups rebuilt");
            return 0;
        }));
        return rebuild;
    }

    private static async Task<int> WithStoreAsync(ParseResult parse, Func<INetworkQualityService, Task<int>> use)
    {
        await using var sp = await CommonOptions.OfflineAsync(parse, default);
        try
        {
            return await use(sp.GetRequiredService<INetworkQualityService>());
        }
        catch (NetqStoreBusyException e)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }
    }
}
