using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Market.Contracts;
using IctGov.Market.Data;
using IctGov.Market.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Market.Features;

/// <summary>
/// 双随机、一公开 (令42 art. 36): an authority's inspection plans, the draw made from the register (holders in its
/// charge with valid licences, filtered by service, region and credit level on the draw's day) and published with
/// all its inputs, and the results per object and item, published too; a finding counts in the credit score.
/// </summary>
internal sealed class InspectionOffice(MarketDbContext db, IAuditLog audit, ChinaCalendar calendar, CreditScores scores, IOptions<CreditOptions> credit)
{
    public async Task<Outcome<InspectionPlanView>> PlanAsync(Actor actor, InspectionPlanInput input, CancellationToken ct)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<InspectionPlanView>(actor.Refusal, "inspection plans are made by the telecom authorities");
        }
        var errors = new List<RowError>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200)
        {
            errors.Add(new RowError(1, "title", "expected the plan's title (at most 200 characters)"));
        }
        var items = (input.Items ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        if (items.Count == 0 || items.Any(i => i.Length > 200))
        {
            errors.Add(new RowError(1, "items", "expected the inspection items (检查事项清单), each at most 200 characters"));
        }
        var services = (input.Services ?? []).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();
        errors.AddRange(services.Where(s => ServiceCatalogue.Problem(s) is not null).Select(s => new RowError(1, "services", ServiceCatalogue.Problem(s)!) { Value = s }));
        var regions = (input.Regions ?? []).Select(r => r.Trim()).Distinct().ToList();
        errors.AddRange(regions.Where(r => !Regions.TryGet(r, out _)).Select(r => new RowError(1, "regions", "expected GB/T 2260 province codes") { Value = r }));
        var ratios = input.Ratios ?? new Dictionary<string, string>();
        if (ratios.Count == 0)
        {
            errors.Add(new RowError(1, "ratios", "expected a share for each credit level to draw from (\"A\": \"0.05\")"));
        }
        foreach (var (level, share) in ratios)
        {
            if (!credit.Value.Levels.ContainsKey(level))
            {
                errors.Add(new RowError(1, "ratios." + level, "expected a credit level: " + string.Join(", ", credit.Value.Levels.Keys)) { Value = level });
            }
            else if (!decimal.TryParse(share, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) || r > 1)
            {
                errors.Add(new RowError(1, "ratios." + level, "expected a share from 0 to 1, such as 0.05") { Value = share });
            }
        }
        var inspectors = input.Inspectors ?? [];
        if (inspectors.Count < InspectionDraw.InspectorsPerObject || inspectors.Any(i => string.IsNullOrWhiteSpace(i.Id) || string.IsNullOrWhiteSpace(i.Unit) || string.IsNullOrWhiteSpace(i.Region)))
        {
            errors.Add(new RowError(1, "inspectors", $"expected at least {InspectionDraw.InspectorsPerObject} inspectors, each with id, unit and region"));
        }
        else if (inspectors.GroupBy(i => i.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add(new RowError(1, "inspectors", "an inspector is in the pool once") { Value = twice.Key });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<InspectionPlanView>(errors);
        }
        var plan = new InspectionPlan
        {
            Authority = CreditRegistry.AuthorityOf(actor), Title = input.Title!.Trim(), Items = JsonSerializer.Serialize(items), Services = LicenceOffice.Join(services),
            Regions = LicenceOffice.Join(regions), Ratios = JsonSerializer.Serialize(ratios), Inspectors = JsonSerializer.Serialize(inspectors), Created = calendar.Today,
        };
        db.InspectionPlans.Add(plan);
        return await SaveAsync(actor, plan, "market.inspection.plan", null, ct);
    }

    /// <summary>Draws the plan's objects and inspectors from the register as it is today and publishes the draw.</summary>
    public async Task<Outcome<InspectionPlanView>> DrawAsync(Actor actor, long id, string? announced, CancellationToken ct)
    {
        if (await FindAsync(actor, id, ct) is not { } plan)
        {
            return Outcome.Refused<InspectionPlanView>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no inspection plan {id} of yours");
        }
        if (plan.Document is not null)
        {
            return Outcome.Refused<InspectionPlanView>(OutcomeStatus.Conflict, $"plan {id} was drawn on {plan.Drawn:yyyy-MM-dd}; a draw is made once");
        }
        if (string.IsNullOrWhiteSpace(announced) || announced.Length > 500)
        {
            return Outcome.Invalid<InspectionPlanView>([new RowError(1, "announced", "expected the public figure announced before the draw, with its date and source")]);
        }
        var today = calendar.Today;
        var ratios = JsonSerializer.Deserialize<Dictionary<string, string>>(plan.Ratios)!;
        var services = LicenceOffice.Split(plan.Services);
        var regions = LicenceOffice.Split(plan.Regions);
        var licences = await db.Licences.AsNoTracking().Where(l => l.Status == "valid" && l.Issued <= today && l.Expires >= today).ToListAsync(ct);
        var levels = await scores.LevelsAsync(today, ct);
        var pool = licences
            .Where(l => plan.Authority == Region.NationalCode || l.Authority == plan.Authority || LicenceOffice.Split(l.Coverage).Any(c => c == plan.Authority || c == Region.NationalCode))
            .Where(l => services.Count == 0 || LicenceOffice.Split(l.Services).Any(services.Contains))
            .Where(l => regions.Count == 0 || LicenceOffice.Split(l.Coverage).Any(c => regions.Contains(c) || c == Region.NationalCode))
            .Select(l => l.HolderCode).Distinct()
            .Select(code => new DrawObject(code, levels[code]))
            .Where(o => ratios.ContainsKey(o.Level))
            .ToList();
        var codes = pool.Select(o => o.Code).ToHashSet();
        var inputs = new DrawInputs(id.ToString(CultureInfo.InvariantCulture), plan.Authority, plan.Title, JsonSerializer.Deserialize<List<string>>(plan.Items)!, ratios,
            announced.Trim(), pool, JsonSerializer.Deserialize<List<DrawInspector>>(plan.Inspectors, JsonSerializerOptions.Web)!, await LastInspectorsAsync(codes, ct));
        var json = InspectionDraw.ToJson(inputs);
        var seed = InspectionDraw.Seed(json);
        var (picks, problem) = InspectionDraw.Draw(inputs, seed);
        if (picks is null)
        {
            return Outcome.Refused<InspectionPlanView>(OutcomeStatus.Unprocessable, problem!);
        }
        var before = JsonSerializer.Serialize(View(plan, []));
        plan.Drawn = today;
        plan.Seed = seed;
        plan.Document = InspectionDraw.Document(json, seed, picks).ToJsonString();
        return await SaveAsync(actor, plan, "market.inspection.draw", before, ct);
    }

    /// <summary>Records the result of one item at one object drawn (the plan's authority only).</summary>
    public async Task<Outcome<InspectionPlanView>> ResultAsync(Actor actor, long id, InspectionResultInput input, CancellationToken ct)
    {
        if (await FindAsync(actor, id, ct) is not { } plan)
        {
            return Outcome.Refused<InspectionPlanView>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no inspection plan {id} of yours");
        }
        var drawn = Picks(plan);
        var errors = new List<RowError>();
        if (drawn.All(p => p.Code != input.HolderCode))
        {
            errors.Add(new RowError(1, "holderCode", $"expected an object drawn in plan {id}") { Value = input.HolderCode });
        }
        if (!JsonSerializer.Deserialize<List<string>>(plan.Items)!.Contains(input.Item ?? ""))
        {
            errors.Add(new RowError(1, "item", "expected an item of the plan's list") { Value = input.Item });
        }
        if (input.Outcome is not ("compliant" or "finding"))
        {
            errors.Add(new RowError(1, "outcome", "expected compliant or finding") { Value = input.Outcome });
        }
        else if (input.Outcome == "finding" && string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(new RowError(1, "note", "say what was found"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<InspectionPlanView>(errors);
        }
        if (await db.InspectionResults.AnyAsync(r => r.PlanId == id && r.HolderCode == input.HolderCode && r.Item == input.Item, ct))
        {
            return Outcome.Refused<InspectionPlanView>(OutcomeStatus.Conflict, $"the result of '{input.Item}' at {input.HolderCode} is recorded already");
        }
        db.InspectionResults.Add(new InspectionResult { PlanId = id, HolderCode = input.HolderCode!, Item = input.Item!, Outcome = input.Outcome!, Note = input.Note?.Trim(), Recorded = calendar.Today });
        return await SaveAsync(actor, plan, "market.inspection.result", null, ct);
    }

    /// <summary>A plan as published (anyone): its draw and results.</summary>
    public async Task<Outcome<InspectionPlanView>> PublishedAsync(long id, CancellationToken ct) =>
        await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } plan
            ? Outcome.Ok(View(plan, await ResultsAsync(id, ct)))
            : Outcome.Refused<InspectionPlanView>(OutcomeStatus.NotFound, $"no inspection plan {id}");

    /// <summary>The published draw document of a plan, for <c>ictgov inspection rerun</c>.</summary>
    public async Task<string?> DocumentAsync(long id, CancellationToken ct) =>
        await db.InspectionPlans.AsNoTracking().Where(p => p.Id == id).Select(p => p.Document).FirstOrDefaultAsync(ct);

    /// <summary>For each object, the inspectors of its latest earlier draw.</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> LastInspectorsAsync(HashSet<string> codes, CancellationToken ct)
    {
        var last = new Dictionary<string, IReadOnlyList<string>>();
        var earlier = await db.InspectionPlans.AsNoTracking().Where(p => p.Document != null).OrderBy(p => p.Drawn).ThenBy(p => p.Id).ToListAsync(ct);
        foreach (var pick in earlier.SelectMany(Picks).Where(p => codes.Contains(p.Code)))
        {
            last[pick.Code] = pick.Inspectors;
        }
        return last;
    }

    private static IReadOnlyList<DrawPick> Picks(InspectionPlan plan) => plan.Document is null
        ? []
        : JsonNode.Parse(plan.Document)!["result"]!.AsArray()
            .Select(r => new DrawPick((string)r!["code"]!, (string)r["level"]!, r["inspectors"]!.AsArray().Select(i => (string)i!).ToList())).ToList();

    private async Task<List<InspectionResultView>> ResultsAsync(long id, CancellationToken ct) =>
        (await db.InspectionResults.AsNoTracking().Where(r => r.PlanId == id).OrderBy(r => r.Id).ToListAsync(ct))
            .Select(r => new InspectionResultView(r.HolderCode, r.Item, r.Outcome, r.Note, r.Recorded)).ToList();

    private async Task<InspectionPlan?> FindAsync(Actor actor, long id, CancellationToken ct) =>
        actor.Role is Role.MinistryAdmin or Role.ProvinceAdmin
            ? await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == id && p.Authority == CreditRegistry.AuthorityOf(actor), ct)
            : null;

    private static InspectionPlanView View(InspectionPlan p, IReadOnlyList<InspectionResultView> results) =>
        new(p.Id, p.Authority, p.Title, JsonSerializer.Deserialize<List<string>>(p.Items)!, p.Drawn, p.Seed, Picks(p), results);

    private async Task<Outcome<InspectionPlanView>> SaveAsync(Actor actor, InspectionPlan plan, string action, string? before, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var view = View(plan, await ResultsAsync(plan.Id, ct));
        // The draw's audit entry carries the whole published document: inputs, seed and result.
        var after = action == "market.inspection.draw" ? plan.Document : JsonSerializer.Serialize(view);
        await audit.AppendAsync(new AuditEntry(actor.Id, action, "inspection_plan", plan.Id.ToString(CultureInfo.InvariantCulture), before, after, plan.Authority), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }
}
