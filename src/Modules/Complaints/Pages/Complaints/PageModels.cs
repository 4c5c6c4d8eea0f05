using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using IctGov.Complaints.Contracts;
using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Complaints.Features;
using IctGov.Kernel;
using IctGov.Kernel.Display;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Complaints.Pages.Complaints;

/// <summary>
/// Open complaints by clock state for the signed-in (each sees what is theirs), and the CSV export;
/// for the public, where to file and the bulletin.
/// </summary>
public sealed class IndexModel(IActorAccessor actors) : PageModel
{
    private ComplaintService Service => HttpContext.RequestServices.GetRequiredService<ComplaintService>();

    [BindProperty(SupportsGet = true)] public string? Clock { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    internal IReadOnlyList<ComplaintView> Open { get; private set; } = [];
    internal IReadOnlyDictionary<string, long> ByClock { get; private set; } = new Dictionary<string, long>();
    public Actor Actor => actors.Current;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Actor.IsSignedIn)
        {
            return;
        }
        // Most urgent first: overdue, then due soon, by deadline; the counts are of every open complaint.
        (ByClock, Open) = await Service.OpenAsync(Actor, Blank(Kind), Blank(Clock), 300, ct);
    }

    /// <summary>GET /complaints?handler=export: every complaint the actor may see, as CSV (UTF-8 with BOM for spreadsheets).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!Actor.IsSignedIn)
        {
            return Challenge();
        }
        var all = (await Service.ListAsync(Actor, new ComplaintFilter(Kind: Blank(Kind), Limit: 100_000), ct)).Value!;
        var text = new StringBuilder();
        using (var csv = new CsvWriter(new StringWriter(text, CultureInfo.InvariantCulture), new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var h in new[] { "id", "kind", "region", "respondentId", "respondentName", "topic", "channel", "receivedOn", "state", "outcome", "acceptanceDue", "answerDue", "respondentDue", "respondentAnsweredOn", "closedOn", "clock", "clockDue", "rating" })
            {
                csv.WriteField(h);
            }
            await csv.NextRecordAsync();
            foreach (var c in all)
            {
                foreach (var f in new object?[] { c.Id, c.Kind, c.Region, c.RespondentId, c.RespondentName, c.Topic, c.Channel, D(c.ReceivedOn), c.State, c.Outcome,
                    D(c.AcceptanceDue), D(c.AnswerDue), D(c.RespondentDue), D(c.RespondentAnsweredOn), D(c.ClosedOn), c.Clock.State, D(c.Clock.Due), c.Rating })
                {
                    csv.WriteField(f?.ToString() ?? "");
                }
                await csv.NextRecordAsync();
            }
        }
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", "complaints.csv");
    }

    private static string? D(DateOnly? d) => d is { } x ? Format.Date(x) : null;

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

/// <summary>The intake form: the public files an appeal or complaint (channel web); a centre's staff enter a call (channel phone).</summary>
public sealed class NewModel(IActorAccessor actors) : PageModel
{
    private ComplaintService Service => HttpContext.RequestServices.GetRequiredService<ComplaintService>();

    [BindProperty] public string Kind { get; set; } = ComplaintKinds.Telecom;
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? RespondentId { get; set; }
    [BindProperty] public string? RespondentName { get; set; }
    [BindProperty] public string? Topic { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? UserPhone { get; set; }
    [BindProperty] public string? UserAddress { get; set; }
    [BindProperty] public string? UserPostcode { get; set; }
    [BindProperty] public string? Claim { get; set; }
    [BindProperty] public string? Facts { get; set; }
    [BindProperty] public DateOnly? EventDate { get; set; }
    [BindProperty] public DateOnly? OperatorComplainedOn { get; set; }
    [BindProperty] public string? OperatorResponse { get; set; }

    internal IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public ComplaintReceipt? Receipt { get; private set; }
    public Actor Actor => actors.Current;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Actor.IsSignedIn && !HttpContext.RequestServices.GetRequiredService<PublicIntakeThrottle>().TryAcquire(HttpContext.Connection.RemoteIpAddress))
        {
            Problem = Bilingual.T("从此地址提交过于频繁，请稍后再试，或拨打申诉受理电话。", "Too many complaints from this address; try again later, or call the appeal centre.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var intake = new ComplaintIntake(Kind, Region, RespondentId, RespondentName, Topic, UserName, UserPhone, UserAddress, UserPostcode, Claim, Facts,
            EventDate, OperatorComplainedOn, OperatorResponse);
        var result = await Service.IntakeAsync(Actor, intake, Actor.IsSignedIn ? "phone" : "web", ct);
        if (result.Succeeded)
        {
            Receipt = result.Value;
            return Page();
        }
        Errors = result.Errors;
        Problem = result.Problem;
        Response.StatusCode = (int)result.Status;
        return Page();
    }
}

/// <summary>One complaint with its clock, its history and the actions the signed-in actor may take.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailModel(IActorAccessor actors) : PageModel
{
    private ComplaintService Service => HttpContext.RequestServices.GetRequiredService<ComplaintService>();

    [BindProperty] public string? Note { get; set; }
    [BindProperty] public DateOnly? Due { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public long? DuplicateOf { get; set; }

    internal ComplaintView? Complaint { get; private set; }
    internal IReadOnlyList<ComplaintEventRow> History { get; private set; } = [];
    internal IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public Actor Actor => actors.Current;

    /// <summary>The actions open to this actor in the complaint's state.</summary>
    internal IReadOnlyList<string> Available { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string act, CancellationToken ct)
    {
        var result = await Service.TransitionAsync(Actor, id, act, new TransitionRequest(Note, Due, IndexModel.Blank(Outcome), DuplicateOf), ct);
        if (result.Succeeded)
        {
            return RedirectToPage(new { id });
        }
        Errors = result.Errors;
        Problem = result.Problem;
        Response.StatusCode = (int)result.Status;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var found = await Service.GetAsync(Actor, id, ct);
        if (!found.Succeeded)
        {
            return false;
        }
        Complaint = found.Value!;
        History = await Service.HistoryAsync(Actor, id, ct);
        var respondent = Actor.Role == Role.Reporter;
        Available = Actions.All.Where(a => Actions.Rule(a).From.Contains(Complaint.State) && (a == Actions.Answer) == respondent).ToList();
        return true;
    }
}

/// <summary>The user's satisfaction rating, with the complaint number and the token given at intake.</summary>
public sealed class RateModel : PageModel
{
    private ComplaintService Service => HttpContext.RequestServices.GetRequiredService<ComplaintService>();

    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public int? Score { get; set; }

    public string? Problem { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Service.RateAsync(Id ?? 0, Token, Score, ct);
        Done = result.Succeeded;
        Problem = result.Problem;
        if (!result.Succeeded)
        {
            Response.StatusCode = (int)result.Status;
        }
        return Page();
    }
}

/// <summary>The public complaint bulletin (申诉情况通告) of a month, quarter or year, generated from the records.</summary>
public sealed class BulletinModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    internal BulletinFigures? Figures { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var calendar = HttpContext.RequestServices.GetRequiredService<IctGov.Kernel.Time.ChinaCalendar>();
        var today = calendar.Today;
        var text = IndexModel.Blank(Period) ?? $"{today.Year}-Q{(today.Month + 2) / 3}";
        if (!Kernel.Period.TryParse(text, out var period))
        {
            Problem = Bilingual.T($"期间“{text}”无效，应为 2026、2026-Q2 或 2026-05", $"'{text}' is not a period: expected 2026, 2026-Q2 or 2026-05");
            Response.StatusCode = 400;
            return;
        }
        Period = period.ToString();
        Figures = await HttpContext.RequestServices.GetRequiredService<ComplaintStatistics>().BulletinAsync(period, ct);
    }

    /// <summary>ECharts options of the counts by topic, for a <c>data-chart</c> attribute.</summary>
    internal static string TopicChart(IEnumerable<CountRow> rows) => Format.ScriptJson(new
    {
        tooltip = new { },
        grid = new { left = 60, right = 20, bottom = 60 },
        xAxis = new { type = "category", data = rows.Select(r => Bilingual.T(r.NameZh, r.NameEn)) },
        yAxis = new { type = "value" },
        series = new[] { new { type = "bar", data = rows.Select(r => r.Count) } },
    });
}

/// <summary>Indicator 19 for a year: national, by service, operator and province, with 95% intervals and the weights used.</summary>
public sealed class SatisfactionModel : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    internal SatisfactionReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = HttpContext.RequestServices.GetRequiredService<IctGov.Kernel.Time.ChinaCalendar>().Today;
        Year = Year is >= 2000 and <= 2100 ? Year : today.Year;
        Report = await HttpContext.RequestServices.GetRequiredService<SatisfactionService>().ComputeAsync(Year.Value, ct);
    }

    internal static string Name(IndexFigure f) => f.Scope switch
    {
        "national" => Bilingual.T("全国", "National"),
        "province" => Regions.TryGet(f.Key, out var r) ? r.Name(Bilingual.IsEnglish) : f.Key,
        "service" => f.Key switch { "mobile" => Bilingual.T("移动通信", "Mobile"), "broadband" => Bilingual.T("固定宽带", "Fixed broadband"), _ => f.Key },
        _ => f.Key switch { "ct" => Bilingual.T("中国电信", "China Telecom"), "cm" => Bilingual.T("中国移动", "China Mobile"), "cu" => Bilingual.T("中国联通", "China Unicom"), "cbn" => Bilingual.T("中国广电", "China Broadnet"), _ => f.Key },
    };
}

/// <summary>
/// Monitoring of a period for the centres and the ministry: operator, province and company rankings
/// (complaints per million users, timeliness, users' ratings), the months with indicator 20, topics,
/// and the same as CSV. Served from the monitoring summary.
/// </summary>
[Authorize(Policy = Policies.ProvinceOrMinistry)]
public sealed class MonitorModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }

    internal MonitorFigures? Figures { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>GET /complaints/monitor?handler=export&amp;period=…: the page's tables as one CSV (section per line).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return BadRequest(Problem!);
        }
        var f = Figures!;
        var text = new StringBuilder();
        using (var csv = new CsvWriter(new StringWriter(text, CultureInfo.InvariantCulture), new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            async Task Line(params object?[] fields)
            {
                foreach (var x in fields)
                {
                    csv.WriteField(x switch { null => "", double d => d.ToString("0.####", CultureInfo.InvariantCulture), _ => Convert.ToString(x, CultureInfo.InvariantCulture) });
                }
                await csv.NextRecordAsync();
            }
            await Line("section", "key", "name", "received", "handled", "onTime", "onTimeRate", "ratings", "meanRating", "users", "usersAsOf", "perMillionUsers", "indicator20Due", "indicator20OnTime", "indicator20Rate");
            foreach (var (section, rows) in new[] { ("nation", (IReadOnlyList<RankingRow>)[f.Nation]), ("operator", f.Bulletin.Operators), ("province", f.Bulletin.Provinces), ("company", f.Bulletin.Companies) })
            {
                foreach (var r in rows)
                {
                    await Line(section, r.Key, r.NameZh, r.Received, r.Handled, r.OnTime, r.OnTimeRate, r.Ratings, r.MeanRating, r.Users?.Users, r.Users is { } u ? Format.Date(u.AsOf) : null, r.PerMillionUsers);
                }
            }
            foreach (var m in f.Months)
            {
                await Line("month", m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), null, m.Telecom + m.Internet, m.Handled, m.OnTime, null, null, null, null, null, null,
                    m.Indicator20?.Due, m.Indicator20?.OnTime, m.Indicator20?.Rate);
            }
            foreach (var t in f.Bulletin.ByTopic)
            {
                await Line("topic", t.Key, t.NameZh, t.Count);
            }
        }
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", $"complaints-monitor-{Period}.csv");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var today = HttpContext.RequestServices.GetRequiredService<IctGov.Kernel.Time.ChinaCalendar>().Today;
        var text = IndexModel.Blank(Period) ?? today.Year.ToString(CultureInfo.InvariantCulture);
        if (!Kernel.Period.TryParse(text, out var period))
        {
            Problem = Bilingual.T($"期间“{text}”无效，应为 2026、2026-Q2 或 2026-05", $"'{text}' is not a period: expected 2026, 2026-Q2 or 2026-05");
            Response.StatusCode = 400;
            return false;
        }
        Period = period.ToString();
        Figures = await HttpContext.RequestServices.GetRequiredService<ComplaintStatistics>().MonitorAsync(period, ct);
        return true;
    }

    /// <summary>ECharts options of the months: complaints received by kind (bars) and indicator 20 (line, right axis).</summary>
    internal static string TrendChart(IReadOnlyList<MonthRow> months) => Format.ScriptJson(new
    {
        tooltip = new { trigger = "axis" },
        legend = new { top = 0 },
        grid = new { left = 70, right = 60, top = 40, bottom = 40 },
        xAxis = new { type = "category", data = months.Select(m => m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)) },
        yAxis = new object[] { new { type = "value", name = Bilingual.T("件", "complaints") }, new { type = "value", name = "%", min = 0, max = 100 } },
        series = new object[]
        {
            new { name = Bilingual.T("电信申诉", "Telecom appeals"), type = "bar", stack = "received", data = months.Select(m => m.Telecom) },
            new { name = Bilingual.T("互联网投诉", "Internet complaints"), type = "bar", stack = "received", data = months.Select(m => m.Internet) },
            new { name = Bilingual.T("投诉处理及时率（指标20）", "Timely handling (indicator 20)"), type = "line", yAxisIndex = 1, data = months.Select(m => m.Indicator20?.Rate) },
        },
    });

    /// <summary>ECharts options of the topics, telecom and Internet stacked.</summary>
    internal static string TopicChart(IReadOnlyList<CountRow> topics) => Format.ScriptJson(new
    {
        tooltip = new { trigger = "axis" },
        legend = new { top = 0 },
        grid = new { left = 70, right = 20, top = 40, bottom = 60 },
        xAxis = new { type = "category", data = topics.Select(t => Bilingual.T(t.NameZh, t.NameEn)) },
        yAxis = new { type = "value" },
        series = new object[]
        {
            new { name = Bilingual.T("电信申诉", "Telecom appeals"), type = "bar", stack = "topic", data = topics.Select(t => t.Telecom) },
            new { name = Bilingual.T("互联网投诉", "Internet complaints"), type = "bar", stack = "topic", data = topics.Select(t => t.Internet) },
        },
    });
}
