using System.CommandLine;
using System.Globalization;
using System.Text;
using IctGov.Kernel;
using IctGov.Kernel.Display;
using IctGov.Planning.Contracts;

namespace IctGov.Cli;

internal static class EvaluateCommand
{
    public static Command Create()
    {
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate with figures published by this date (YYYY-MM-DD, default today)" };
        var region = new Option<string>("--region") { Description = "GB/T 2260 code (default 100000, the nation)", DefaultValueFactory = _ => Region.NationalCode };
        var format = new Option<string>("--format") { Description = "json | table | xlsx", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table", "xlsx");
        var version = new Option<string?>("--plan-version") { Description = "Plan version code (default: the one in effect on the date)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output (required for xlsx)" };
        var freeze = new Option<string?>("--freeze") { Description = "Also store the result as a frozen snapshot with this label" };
        var cmd = new Command("evaluate", "Evaluate the plan's 20 headline indicators (same answer as GET /api/v1/evaluation)") { asOf, region, format, version, output, freeze };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            var planning = sp.Planning();
            if (!CommonOptions.TryAsOf(parse, asOf, planning.Today, out var date))
            {
                return 2;
            }
            if (!Regions.TryGet(parse.GetValue(region), out var r))
            {
                Console.Error.WriteLine($"--region '{parse.GetValue(region)}' is not a GB/T 2260 code: expected 100000 or a provincial code such as 110000");
                return 2;
            }
            try
            {
                var report = await planning.EvaluateAsync(date, r.Code, parse.GetValue(version), ct);
                var fmt = parse.GetValue(format);
                var file = parse.GetValue(output);
                if (fmt == "xlsx")
                {
                    if (file is null)
                    {
                        Console.Error.WriteLine("--format xlsx needs --out FILE.xlsx");
                        return 2;
                    }
                    await File.WriteAllBytesAsync(file.FullName, await planning.ExportXlsxAsync(date, r.Code, parse.GetValue(version), ct), ct);
                }
                else
                {
                    var text = fmt == "json" ? report.ToJson() : Table(report);
                    if (file is null)
                    {
                        Console.Out.WriteLine(text);
                    }
                    else
                    {
                        await File.WriteAllTextAsync(file.FullName, text + "\n", new UTF8Encoding(false), ct);
                    }
                }
                if (parse.GetValue(freeze) is { } label)
                {
                    var id = await planning.FreezeAsync(date, r.Code, parse.GetValue(version), label, ct);
                    Console.Error.WriteLine($"frozen as snapshot {id}");
                }
                return 0;
            }
            catch (KeyNotFoundException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return cmd;
    }

    internal static string Table(EvaluationDocument report)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"Evaluation as of {report.AsOf:yyyy-MM-dd} · {report.Region.NameZh} {report.Region.NameEn} ({report.Region.Code}) · plan version {report.PlanVersion.Code}");
        sb.AppendLine(inv, $"{"no",3} {"status",-10} {"latest",12} {"period",-8} {"baseline",10} {"target",10} {"progress",9} {"req.CAGR%",9} {"proj.2025",11}  indicator");
        foreach (var d in report.Indicators)
        {
            sb.AppendLine(inv, $"{d.No,3} {d.Status,-10} {Format.Number(d.Latest?.Value),12} {d.Latest?.Period ?? Format.None,-8} {Format.Number(d.Baseline),10} {(d.Target is null ? Format.None : d.Comparison + Format.Number(d.Target)),10} {Format.Percent(d.Progress),9} {Format.Number(d.RequiredGrowth.CagrPct),9} {Format.Number(d.Projection?.Value),11}  {d.Name.Zh}");
        }
        foreach (var a in report.BindingAlerts.Select(no => report.Indicators.Single(i => i.No == no)))
        {
            sb.AppendLine(inv, $"ALERT binding indicator {a.No} {a.Name.Zh}: {a.Status}");
        }
        return sb.ToString().TrimEnd();
    }
}
