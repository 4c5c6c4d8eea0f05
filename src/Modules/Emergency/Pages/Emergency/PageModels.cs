using System.Globalization;
using IctGov.Emergency.Contracts;
using IctGov.Emergency.Domain;
using IctGov.Emergency.Features;
using IctGov.Kernel;
using IctGov.Kernel.Display;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Emergency.Pages.Emergency;

/// <summary>Incidents the signed-in may see and the form to open one; for the public, what the system does and where warnings are published.</summary>
public sealed class IndexModel(IActorAccessor actors) : PageModel
{
    private IncidentService Service => HttpContext.RequestServices.GetRequiredService<IncidentService>();

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public int? Level { get; set; }
    [BindProperty] public List<string>? Regions { get; set; }
    [BindProperty] public string? PlanCode { get; set; }

    internal IReadOnlyList<IncidentView> Incidents { get; private set; } = [];
    internal IReadOnlyList<PlanView> Plans { get; private set; } = [];
    internal IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public Actor Actor => actors.Current;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Actor.IsSignedIn)
        {
            return Challenge();
        }
        var result = await Service.OpenAsync(Actor, new OpenIncidentRequest(Code, Type, Title, Level, Regions, string.IsNullOrWhiteSpace(PlanCode) ? null : PlanCode, null), ct);
        if (result.Succeeded)
        {
            return Redirect($"/emergency/incidents/{result.Value!.Id}");
        }
        (Problem, Errors) = (result.Problem, result.Errors);
        Response.StatusCode = (int)result.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Actor.IsSignedIn)
        {
            Incidents = await Service.ListAsync(Actor, ct);
            Plans = await HttpContext.RequestServices.GetRequiredService<ResourceService>().PlansAsync(ct);
        }
    }
}

/// <summary>
/// One incident, its command page: totals and outages per operator per round, the map, reports
/// (form), dispatch, support, warnings, timeline and closing. Each form posts to its own handler;
/// a refused post shows the problem and writes nothing.
/// </summary>
[Authorize]
public sealed class IncidentModel(IActorAccessor actors) : PageModel
{
    private T Get<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    [BindProperty] public string? OperatorId { get; set; }
    [BindProperty] public string? Area { get; set; }
    [BindProperty] public string? At { get; set; }
    [BindProperty] public int? StationsOut { get; set; }
    [BindProperty] public int? StationsRestored { get; set; }
    [BindProperty] public int? AffectedUsers { get; set; }
    [BindProperty] public int? CableCuts { get; set; }
    [BindProperty] public int? CoreNodesDown { get; set; }
    [BindProperty] public bool Congested { get; set; }
    [BindProperty] public string? Counties { get; set; }
    [BindProperty] public string? Resource { get; set; }
    [BindProperty] public string? ToRegion { get; set; }
    [BindProperty] public string? Task { get; set; }
    [BindProperty] public long? DispatchId { get; set; }
    [BindProperty] public string? Step { get; set; }
    [BindProperty] public string? Eta { get; set; }
    [BindProperty] public string? Headline { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Instruction { get; set; }
    [BindProperty] public long? WarningId { get; set; }
    [BindProperty] public string? Lessons { get; set; }

    internal IncidentView? Incident { get; private set; }
    internal IReadOnlyList<DutyView> Duties { get; private set; } = [];
    internal IReadOnlyList<ReportView> Reports { get; private set; } = [];
    internal IReadOnlyList<RoundFigure> Rounds { get; private set; } = [];
    internal MapData? Map { get; private set; }
    internal IReadOnlyList<DispatchView> Dispatches { get; private set; } = [];
    internal IReadOnlyList<SupportView> Supports { get; private set; } = [];
    internal IReadOnlyList<WarningView> Warnings { get; private set; } = [];
    internal IReadOnlyList<TeamView> Teams { get; private set; } = [];
    internal IReadOnlyList<EquipmentView> Equipment { get; private set; } = [];
    internal IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    internal IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public Actor Actor => actors.Current;
    public string? OwnOperator => EmergencyAccess.OperatorOf(Actor);
    public bool IsAdministration => Actor.Role is Role.MinistryAdmin or Role.ProvinceAdmin;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostReportAsync(long id, CancellationToken ct) => Act(id, () =>
        Get<IncidentService>().ReportAsync(Actor, id, [(1, new ReportInput(OperatorId, Area, Local(At), StationsOut, StationsRestored, AffectedUsers,
            CableCuts, CoreNodesDown, Congested, Counties, null))], "form", ct), ct);

    public Task<IActionResult> OnPostDispatchAsync(long id, CancellationToken ct) => Act(id, () =>
        Get<DispatchService>().IssueAsync(Actor, id, Resource?.StartsWith("team:", StringComparison.Ordinal) == true
            ? new DispatchRequest(Resource[5..], null, ToRegion, Task) : new DispatchRequest(null, Resource?.StartsWith("equipment:", StringComparison.Ordinal) == true ? Resource[10..] : Resource, ToRegion, Task), ct), ct);

    public Task<IActionResult> OnPostStepAsync(long id, CancellationToken ct) => Act(id, () =>
        Get<DispatchService>().StepAsync(Actor, DispatchId ?? 0, Step ?? "", new DispatchStep(Local(Eta), null, null), ct), ct);

    public Task<IActionResult> OnPostWarningAsync(long id, CancellationToken ct) => Act(id, () =>
        Get<WarningService>().IssueAsync(Actor, new WarningRequest(id, Incident?.Type ?? "incident", Headline, null, Description, null, Instruction, null,
            Area is null ? null : [Area], null, Incident?.Level, null, null, null, null), ct), ct);

    public Task<IActionResult> OnPostAckAsync(long id, CancellationToken ct) => Act(id, () =>
        Get<WarningService>().AcknowledgeAsync(Actor, WarningId ?? 0, new AckRequest(Area), ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) => Act(id, () =>
        Get<IncidentService>().CloseAsync(Actor, id, new CloseRequest(Lessons), ct), ct);

    private async Task<IActionResult> Act<T>(long id, Func<Task<Outcome<T>>> action, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var result = await action();
        if (result.Succeeded)
        {
            return Redirect($"/emergency/incidents/{id}");
        }
        (Problem, Errors) = (result.Problem, result.Errors);
        Response.StatusCode = (int)result.Status;
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>A form's datetime-local value, read as Beijing time.</summary>
    internal static DateTimeOffset? Local(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? new DateTimeOffset(t, TimeSpan.FromHours(8)) : null;

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var incidents = Get<IncidentService>();
        var found = await incidents.GetAsync(Actor, id, ct);
        if (!found.Succeeded)
        {
            return false;
        }
        Incident = found.Value;
        Duties = (await incidents.DutiesAsync(Actor, id, ct)).Value!;
        Reports = (await incidents.ReportsAsync(Actor, id, ct)).Value!;
        Rounds = (await incidents.RoundsAsync(Actor, id, ct)).Value!;
        Map = (await incidents.MapAsync(Actor, id, null, ct)).Value;
        Dispatches = (await Get<DispatchService>().ListAsync(Actor, id, ct)).Value!;
        Supports = await Get<DispatchService>().SupportsAsync(Actor, id, ct);
        Warnings = await Get<WarningService>().ListAsync(id, 200, ct);
        Teams = await Get<ResourceService>().TeamsAsync(Actor, ct);
        Equipment = await Get<ResourceService>().EquipmentAsync(Actor, ct);
        Timeline = await incidents.TimelineAsync(id, ct);
        return true;
    }

    /// <summary>Stations out per operator per round, as a line chart.</summary>
    internal string OutageChart(bool english) => Format.ScriptJson(new
    {
        tooltip = new { trigger = "axis" },
        legend = new { },
        xAxis = new { type = "category", data = Rounds.Select(r => Format.Time(r.End)).ToArray() },
        yAxis = new { type = "value", name = english ? "Stations out" : "退服基站" },
        series = EmergencyAccess.Operators.Order(StringComparer.Ordinal).Where(op => Rounds.Any(r => r.ByOperator.ContainsKey(op)))
            .Select(op => new { name = op, type = "line", data = Rounds.Select(r => r.ByOperator.GetValueOrDefault(op)?.StationsOut ?? 0).ToArray() }).ToArray(),
    });

    /// <summary>
    /// The situation map drawn from the shipped script alone (no tile service): provinces at their
    /// seats sized by stations out, and every reported station out on longitude/latitude axes.
    /// </summary>
    internal string MapChart(bool english) => MapChartOf(Map!, english);

    internal static string MapChartOf(MapData map, bool english) => Format.ScriptJson(new
    {
        tooltip = new { trigger = "item" },
        legend = new { },
        xAxis = new { type = "value", name = english ? "Longitude" : "经度", min = Math.Floor(Bounds(map).MinLon), max = Math.Ceiling(Bounds(map).MaxLon) },
        yAxis = new { type = "value", name = english ? "Latitude" : "纬度", min = Math.Floor(Bounds(map).MinLat), max = Math.Ceiling(Bounds(map).MaxLat) },
        series = new object[]
        {
            new
            {
                name = english ? "Provinces (stations out)" : "省份（退服基站）", type = "scatter",
                data = map.Regions.Select(r => new { name = Catalogue.RegionName(r.Code, english), value = new object[] { r.Lon, r.Lat, r.Totals.StationsOut } }).ToArray(),
            },
            new
            {
                name = english ? "Stations out" : "退服基站", type = "scatter", symbolSize = 4,
                data = map.Stations.Select(s => new { name = s.Id, value = new object[] { s.Lon, s.Lat } }).ToArray(),
            },
            new
            {
                name = english ? "Dispatched equipment" : "调度装备", type = "scatter", symbol = "triangle", symbolSize = 10,
                data = map.Equipment.Where(e => e.Lon is not null).Select(e => new { name = e.Code, value = new object[] { e.Lon!.Value, e.Lat!.Value } }).ToArray(),
            },
        },
    });

    private static (double MinLon, double MaxLon, double MinLat, double MaxLat) Bounds(MapData map)
    {
        var points = map.Regions.Select(r => (r.Lon, r.Lat)).Concat(map.Stations.Select(s => (s.Lon, s.Lat))).ToList();
        return points.Count == 0 ? (73, 136, 3, 54) : (points.Min(p => p.Item1) - 1, points.Max(p => p.Item1) + 1, points.Min(p => p.Item2) - 1, points.Max(p => p.Item2) + 1);
    }
}

/// <summary>The situation report (情况报告) of one reporting round, for printing.</summary>
[Authorize]
public sealed class RoundModel(IActorAccessor actors) : PageModel
{
    internal IncidentView? Incident { get; private set; }
    internal RoundFigure? Round { get; private set; }
    internal RoundFigure? Previous { get; private set; }
    internal IReadOnlyDictionary<string, Totals> ByArea { get; private set; } = new Dictionary<string, Totals>();
    internal IReadOnlyList<DispatchView> Dispatches { get; private set; } = [];
    internal IReadOnlyList<WarningView> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, int round, CancellationToken ct)
    {
        var incidents = HttpContext.RequestServices.GetRequiredService<IncidentService>();
        var rounds = await incidents.RoundsAsync(actors.Current, id, ct);
        if (!rounds.Succeeded || rounds.Value!.FirstOrDefault(r => r.Round == round) is not { } figure)
        {
            return NotFound();
        }
        Incident = (await incidents.GetAsync(actors.Current, id, ct)).Value;
        Round = figure;
        Previous = rounds.Value!.LastOrDefault(r => r.Round < round);
        var reports = (await incidents.ReportsAsync(actors.Current, id, ct)).Value!;
        ByArea = reports.Where(r => r.At < figure.End).GroupBy(r => (r.OperatorId, r.Area)).Select(g => g.MaxBy(r => r.At)!)
            .GroupBy(r => r.Area).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(Totals.Zero, (t, r) => t.Add(new Totals(r.StationsOut, r.StationsRestored, r.AffectedUsers, r.CableCuts, r.CoreNodesDown, r.Congested ? 1 : 0))));
        Dispatches = (await HttpContext.RequestServices.GetRequiredService<DispatchService>().ListAsync(actors.Current, id, ct)).Value!
            .Where(d => d.IssuedAt < figure.End).ToList();
        Warnings = (await HttpContext.RequestServices.GetRequiredService<WarningService>().ListAsync(id, 200, ct)).Where(w => w.Sent < figure.End).ToList();
        return Page();
    }
}

/// <summary>The after-action report: totals, restoration times, the timeline and the lessons.</summary>
[Authorize]
public sealed class AfterActionModel(IActorAccessor actors) : PageModel
{
    internal AfterAction? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var result = await HttpContext.RequestServices.GetRequiredService<IncidentService>().AfterActionAsync(actors.Current, id, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        Report = result.Value;
        return Page();
    }

    internal static string Span(TimeSpan? t) => t is { } s ? T($"{(int)s.TotalHours} 小时 {s.Minutes} 分", $"{(int)s.TotalHours} h {s.Minutes} min") : T("未达到", "not reached");

    private static string T(string zh, string en) => Bilingual.T(zh, en);
}

/// <summary>Public warnings (CAP 1.2) with their acknowledgements, and where the ATOM feeds are.</summary>
public sealed class WarningsModel : PageModel
{
    internal IReadOnlyList<WarningView> Warnings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Warnings = await HttpContext.RequestServices.GetRequiredService<WarningService>().ListAsync(null, 200, ct);
}

/// <summary>Plans, teams (qualifications flagged) and equipment the signed-in may see.</summary>
public sealed class ResourcesModel(IActorAccessor actors) : PageModel
{
    internal IReadOnlyList<PlanView> Plans { get; private set; } = [];
    internal IReadOnlyList<TeamView> Teams { get; private set; } = [];
    internal IReadOnlyList<EquipmentView> Equipment { get; private set; } = [];
    internal IReadOnlyDictionary<string, PlanDrillStatus> DrillStatus { get; private set; } = new Dictionary<string, PlanDrillStatus>();
    internal IReadOnlyList<StockpileView> Stockpiles { get; private set; } = [];
    internal IReadOnlyList<DrillView> Drills { get; private set; } = [];
    internal IReadOnlyList<TrainingView> Training { get; private set; } = [];
    public Actor Actor => actors.Current;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Actor.IsSignedIn)
        {
            return;
        }
        var service = HttpContext.RequestServices.GetRequiredService<ResourceService>();
        Plans = await service.PlansAsync(ct);
        Teams = await service.TeamsAsync(Actor, ct);
        Equipment = await service.EquipmentAsync(Actor, ct);
        var preparedness = HttpContext.RequestServices.GetRequiredService<PreparednessService>();
        DrillStatus = (await preparedness.DrillStatusAsync(ct)).ToDictionary(d => d.PlanCode);
        Stockpiles = await preparedness.StockpilesAsync(Actor, ct);
        Drills = await preparedness.DrillsAsync(Actor, ct);
        Training = await preparedness.TrainingAsync(Actor, ct);
    }
}
