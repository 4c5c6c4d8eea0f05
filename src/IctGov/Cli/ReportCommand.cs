using System.CommandLine;
using System.Text;
using IctGov.Web;

namespace IctGov.Cli;

internal static class ReportCommand
{
    public static Command Create()
    {
        var asOf = new Option<string?>("--as-of") { Description = "Evaluation date (YYYY-MM-DD, default today)" };
        var output = new Option<FileInfo>("--out") { Description = "The HTML file to write", Required = true };
        var version = new Option<string?>("--plan-version") { Description = "Plan version code (default: the one in effect on the date)" };
        var cmd = new Command("report", "Write a self-contained, printable HTML evaluation report (national table, charts, province ranking, binding alerts)") { asOf, output, version };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            var planning = sp.Planning();
            if (!CommonOptions.TryAsOf(parse, asOf, planning.Today, out var date))
            {
                return 2;
            }
            var html = await planning.RenderReportAsync(date, parse.GetValue(version), WebAssets.ReadText("lib/echarts/echarts.min.js"), ct);
            var file = parse.GetValue(output)!;
            await File.WriteAllTextAsync(file.FullName, html, new UTF8Encoding(false), ct);
            Console.WriteLine($"report written to {file.FullName}");
            return 0;
        });
        return cmd;
    }
}
