using System.CommandLine;
using System.Globalization;
using IctGov.Complaints.Contracts;
using IctGov.Kernel;
using IctGov.Kernel.Time;

namespace IctGov.Cli;

/// <summary>
/// <c>ictgov complaints …</c>: indicator 20 and the monitoring summary's maintenance on the data
/// directory, for scheduled jobs (a nightly <c>summary check</c>, a <c>rebuild</c> after a restore).
/// Exit 0 when done or when the summary holds, 1 when the check finds cells that differ, 2 on bad input.
/// </summary>
internal static class ComplaintsCommand
{
    public static Command Create() =>
        new("complaints", "申诉投诉 complaints: indicator 20 and the monitoring summary") { Indicator20(), new Command("summary", "The monitoring summary (监测汇总)") { Rebuild(), Check() } };

    private static Command Indicator20()
    {
        var period = new Option<string>("--period") { Description = "A year, quarter or month: 2025, 2025-Q2, 2025-05", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "As known on this date (YYYY-MM-DD, default today in Beijing)" };
        var command = new Command("indicator20", "互联网信息服务投诉处理及时率 for a period, nationally and by province (as GET /api/v1/complaints/timeliness/{period})") { period, asOf };
        command.SetAction(async (parse, ct) =>
        {
            if (!Period.TryParse(parse.GetValue(period), out var p))
            {
                Console.Error.WriteLine($"--period '{parse.GetValue(period)}' is not a period: expected a year (2025), a quarter (2025-Q2) or a month (2025-05)");
                return 2;
            }
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            await using var scope = sp.CreateAsyncScope();
            var today = sp.GetRequiredService<ChinaCalendar>().Today;
            if (!CommonOptions.TryAsOf(parse, asOf, today, out var date))
            {
                return 2;
            }
            var figures = await scope.ServiceProvider.GetRequiredService<IComplaintIndicators>().TimelinessAsync(p.ToString(), date, ct);
            var inv = CultureInfo.InvariantCulture;
            Console.Out.WriteLine($"indicator 20, {p} as of {date:yyyy-MM-dd}");
            Console.Out.WriteLine("region  name      due        on_time    rate     pending");
            foreach (var f in figures)
            {
                var name = Regions.TryGet(f.Region, out var r) ? r.NameZh : f.Region;
                Console.Out.WriteLine(string.Create(inv, $"{f.Region}  {name,-8}  {f.Due,9}  {f.OnTime,9}  {(f.Rate is { } rate ? rate.ToString("0.00", inv) + "%" : "—"),7}  {f.Pending,7}"));
            }
            return 0;
        });
        return command;
    }

    private static Command Rebuild()
    {
        var command = new Command("rebuild", "Recount the summary from the complaints, in one transaction (audited as the command line)");
        command.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            await using var scope = sp.CreateAsyncScope();
            var written = await scope.ServiceProvider.GetRequiredService<IComplaintIndicators>().RebuildSummaryAsync("cli", ct);
            Console.Out.WriteLine($"summary rebuilt: {written.Cells} cells, {written.RespondentCells} respondent cells, {written.DueCells} deadline cells");
            return 0;
        });
        return command;
    }

    private static Command Check()
    {
        var command = new Command("check", "Compare the summary with a recount of the complaints, writing nothing: exit 1 when any cell differs");
        command.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            await using var scope = sp.CreateAsyncScope();
            var differing = await scope.ServiceProvider.GetRequiredService<IComplaintIndicators>().CheckSummaryAsync(ct);
            if (differing.Total == 0)
            {
                Console.Out.WriteLine("summary holds: equal to a recount of the complaints");
                return 0;
            }
            Console.Error.WriteLine($"summary differs from a recount: {differing.Cells} cells, {differing.RespondentCells} respondent cells, {differing.DueCells} deadline cells; "
                + "`ictgov complaints summary rebuild` recounts it");
            return 1;
        });
        return command;
    }
}
