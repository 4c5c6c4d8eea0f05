using System.Globalization;
using System.Text.Json;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Numbering.Contracts;
using IctGov.Numbering.Data;
using IctGov.Numbering.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Numbering.Features;

internal static class ApplicationStatus
{
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string Allocated = "allocated";
    public const string Refused = "refused";
}

/// <summary>An operator's request for a resource.</summary>
internal sealed record ApplyRequest(string? Kind, string? Prefix, string? Region, string? Purpose);

/// <summary>The ministry's decision on an accepted application.</summary>
internal sealed record DecideRequest(bool Approve, string? Reason);

/// <summary>An operator's annual count of activated numbers for one of its allocations.</summary>
internal sealed record UsageRequest(string? Prefix, int Year, long Activated);

/// <summary>A penalty the ministry recorded against an operator.</summary>
internal sealed record PenaltyRequest(string? Operator, DateOnly ImposedOn, string? Note);

/// <summary>
/// The numbering registry: applications through acknowledgement and decision on the platform's
/// calendar, allocations that never overlap (checked again under a lock at the moment of allocation,
/// so two concurrent approvals of overlapping blocks cannot both succeed), usage reports and
/// utilisation. Operators (reporters whose unit is an operator) see only their own applications.
/// </summary>
internal sealed class Registry(NumberingDbContext db, IAuditLog audit, ChinaCalendar calendar, IOptions<NumberingOptions> options)
{
    // "numalloc" in ASCII: the advisory lock every allocation takes on PostgreSQL, held to the end of its transaction.
    private const long AllocationLockKey = 0x6e75_6d61_6c6c_6f63;

    public static NumberingApplication View(ApplicationRow a) => new(a.Id, a.Operator, a.Kind, a.Prefix, a.Region, a.Purpose, a.Status,
        a.SubmittedOn, a.AcknowledgeBy, a.AcceptedOn, a.DecideBy, a.DecidedOn, a.Reason, a.AllocationId);

    public static NumberAllocation View(AllocationRow a) => new(a.Id, a.Prefix, a.Kind, a.Holder, a.Region, a.Capacity, a.AllocatedOn, a.ReclaimedOn);

    /// <summary>The operator an actor acts for: a reporter's unit (a branch <c>cm-440000</c> acts for <c>cm</c>).</summary>
    public static string? OperatorOf(Actor actor) =>
        actor.Role == Role.Reporter && actor.UnitId is { } unit ? (unit.Split('-')[0] is var op && NumberingPlan.Operators.Contains(op) ? op : unit) : null;

    public async Task<IReadOnlyList<NumberingApplication>> ApplicationsAsync(Actor actor, CancellationToken ct = default)
    {
        IQueryable<ApplicationRow> rows = db.Applications;
        rows = actor.Role switch
        {
            Role.MinistryAdmin => rows,
            Role.ProvinceAdmin => rows.Where(a => a.Region == actor.RegionCode),
            Role.Reporter when OperatorOf(actor) is { } op => rows.Where(a => a.Operator == op),
            _ => rows.Where(a => false),
        };
        return (await rows.OrderBy(a => a.Id).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<IReadOnlyList<NumberAllocation>> AllocationsAsync(string? holder, CancellationToken ct = default)
    {
        var rows = db.Allocations.Where(a => a.ReclaimedOn == null);
        if (holder is not null)
        {
            rows = rows.Where(a => a.Holder == holder);
        }
        return (await rows.OrderBy(a => a.Prefix).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<Outcome<NumberingApplication>> ApplyAsync(Actor actor, ApplyRequest request, CancellationToken ct = default)
    {
        if (OperatorOf(actor) is not { } op)
        {
            return Outcome.Refused<NumberingApplication>(actor.Refusal, "operators apply for numbering resources, through their own account or token");
        }
        var errors = new List<RowError>();
        var kind = request.Kind ?? "";
        NumberingPlan.Check(kind, request.Prefix, op, errors);
        if (!Regions.TryGet(request.Region, out _))
        {
            errors.Add(new RowError(1, "region", "expected a GB/T 2260 province code (440000) or 100000 for national resources") { Value = request.Region });
        }
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Length > 500)
        {
            errors.Add(new RowError(1, "purpose", "expected what the resource is for (up to 500 characters)"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<NumberingApplication>(errors);
        }
        var today = calendar.Today;
        // 码号办法 art.14: penalised once in a year, no applications for a year; more than once, two years.
        var penalties = await db.Penalties.Where(p => p.Operator == op).Select(p => p.ImposedOn).ToListAsync(ct);
        foreach (var group in penalties.GroupBy(p => p.Year))
        {
            var barredUntil = group.Max().AddYears(group.Count() > 1 ? 2 : 1);
            if (today < barredUntil)
            {
                return Outcome.Refused<NumberingApplication>(OutcomeStatus.Unprocessable,
                    $"{op} was penalised {group.Count()} time(s) in {group.Key}; it may not apply for numbering resources until {barredUntil:yyyy-MM-dd} (码号办法 art.14)");
            }
        }
        if (await HolderOfOverlapAsync(request.Prefix!, ct) is { } held)
        {
            return Outcome.Refused<NumberingApplication>(OutcomeStatus.Conflict, Overlap(request.Prefix!, held));
        }
        var row = new ApplicationRow
        {
            Operator = op, Kind = kind, Prefix = request.Prefix!, Region = request.Region!, Purpose = request.Purpose!.Trim(),
            Status = ApplicationStatus.Submitted, SubmittedOn = today,
            AcknowledgeBy = calendar.AddWorkingDays(today, options.Value.AcknowledgeWorkingDays),
        };
        return await WriteAsync(actor, "numbering.apply", row, () => db.Applications.Add(row), ct);
    }

    public async Task<Outcome<NumberingApplication>> AcceptAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<NumberingApplication>(actor.Refusal, "the ministry accepts applications");
        }
        if (await db.Applications.FindAsync([id], ct) is not { } row)
        {
            return Outcome.Refused<NumberingApplication>(OutcomeStatus.NotFound, $"no application {id}");
        }
        if (row.Status != ApplicationStatus.Submitted)
        {
            return Outcome.Refused<NumberingApplication>(OutcomeStatus.Conflict, $"application {id} is {row.Status}");
        }
        row.Status = ApplicationStatus.Accepted;
        row.AcceptedOn = calendar.Today;
        row.DecideBy = calendar.AddWorkingDays(calendar.Today, options.Value.DecideWorkingDays);
        return await WriteAsync(actor, "numbering.accept", row, null, ct);
    }

    public async Task<Outcome<NumberingApplication>> DecideAsync(Actor actor, long id, DecideRequest request, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<NumberingApplication>(actor.Refusal, "the ministry decides applications");
        }
        if (!request.Approve && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Outcome.Invalid<NumberingApplication>([new RowError(1, "reason", "a refusal gives its reason")]);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAllocationsAsync(ct);
        if (await db.Applications.FindAsync([id], ct) is not { } row)
        {
            return Outcome.Refused<NumberingApplication>(OutcomeStatus.NotFound, $"no application {id}");
        }
        if (row.Status != ApplicationStatus.Accepted)
        {
            return Outcome.Refused<NumberingApplication>(OutcomeStatus.Conflict, $"application {id} is {row.Status}; only an accepted application is decided");
        }
        row.DecidedOn = calendar.Today;
        if (request.Approve)
        {
            if (await HolderOfOverlapAsync(row.Prefix, ct) is { } held)
            {
                return Outcome.Refused<NumberingApplication>(OutcomeStatus.Conflict, Overlap(row.Prefix, held));
            }
            var errors = new List<RowError>();
            var allocation = new AllocationRow
            {
                Prefix = row.Prefix, Kind = row.Kind, Holder = row.Operator, Region = row.Region,
                Capacity = NumberingPlan.Check(row.Kind, row.Prefix, row.Operator, errors), AllocatedOn = calendar.Today, ApplicationId = row.Id,
            };
            db.Allocations.Add(allocation);
            await db.SaveChangesAsync(ct);
            row.Status = ApplicationStatus.Allocated;
            row.AllocationId = allocation.Id;
        }
        else
        {
            row.Status = ApplicationStatus.Refused;
            row.Reason = request.Reason!.Trim();
        }
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.decide", "numbering-application", row.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(view), row.Region), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    public async Task<Outcome<NumberAllocation>> ReclaimAsync(Actor actor, long allocationId, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<NumberAllocation>(actor.Refusal, "the ministry reclaims numbering resources");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAllocationsAsync(ct);
        if (await db.Allocations.FindAsync([allocationId], ct) is not { ReclaimedOn: null } row)
        {
            return Outcome.Refused<NumberAllocation>(OutcomeStatus.NotFound, $"no allocation {allocationId} in force");
        }
        row.ReclaimedOn = calendar.Today;
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.reclaim", "numbering-allocation", row.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(view), row.Region), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    public async Task<Outcome<NumberAllocation>> ReportUsageAsync(Actor actor, UsageRequest request, CancellationToken ct = default)
    {
        if (OperatorOf(actor) is not { } op)
        {
            return Outcome.Refused<NumberAllocation>(actor.Refusal, "the holding operator reports its usage");
        }
        var row = await db.Allocations.FirstOrDefaultAsync(a => a.Prefix == request.Prefix && a.ReclaimedOn == null, ct);
        if (row is null || row.Holder != op)
        {
            // Another operator's block is answered as an unknown one: a holder's figures are its own.
            return Outcome.Refused<NumberAllocation>(OutcomeStatus.NotFound, $"{op} holds no resource {request.Prefix}");
        }
        var errors = new List<RowError>();
        if (request.Year < row.AllocatedOn.Year || request.Year >= calendar.Today.Year + 1)
        {
            errors.Add(new RowError(1, "year", $"expected a year from {row.AllocatedOn.Year} to {calendar.Today.Year}") { Value = request.Year.ToString(CultureInfo.InvariantCulture) });
        }
        if (request.Activated < 0 || request.Activated > row.Capacity)
        {
            errors.Add(new RowError(1, "activated", $"expected 0–{row.Capacity} activated numbers") { Value = request.Activated.ToString(CultureInfo.InvariantCulture) });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<NumberAllocation>(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var usage = await db.Usage.FirstOrDefaultAsync(u => u.AllocationId == row.Id && u.Year == request.Year, ct);
        if (usage is null)
        {
            db.Usage.Add(usage = new UsageRow { AllocationId = row.Id, Year = request.Year });
        }
        usage.Activated = request.Activated;
        usage.ReportedOn = calendar.Today;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.usage", "numbering-allocation", row.Id.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new { row.Prefix, request.Year, request.Activated }), row.Region), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(View(row));
    }

    public async Task<Outcome<Done>> RecordPenaltyAsync(Actor actor, PenaltyRequest request, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<Done>(actor.Refusal, "the ministry records penalties");
        }
        if (string.IsNullOrWhiteSpace(request.Operator) || string.IsNullOrWhiteSpace(request.Note))
        {
            return Outcome.Invalid<Done>([new RowError(1, string.IsNullOrWhiteSpace(request.Operator) ? "operator" : "note", "expected the operator and what it was penalised for")]);
        }
        var row = new PenaltyRow { Operator = request.Operator.Trim(), ImposedOn = request.ImposedOn, Note = request.Note.Trim() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Penalties.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.penalty", "numbering-operator", row.Operator, null, JsonSerializer.Serialize(request)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok();
    }

    /// <summary>
    /// Utilisation by operator and kind from each allocation's latest report; blocks below the
    /// configured share are counted as low. A year's report is due by 31 March of the next year.
    /// </summary>
    public async Task<IReadOnlyList<Utilisation>> UtilisationAsync(CancellationToken ct = default)
    {
        var allocations = await db.Allocations.Where(a => a.ReclaimedOn == null).ToListAsync(ct);
        var usage = (await db.Usage.ToListAsync(ct)).GroupBy(u => u.AllocationId).ToDictionary(g => g.Key, g => g.MaxBy(u => u.Year)!.Activated);
        var low = options.Value.LowUtilisation;
        return allocations.GroupBy(a => (a.Holder, a.Kind)).OrderBy(g => g.Key.Holder).ThenBy(g => g.Key.Kind).Select(g =>
        {
            var capacity = g.Sum(a => a.Capacity);
            var activated = g.Sum(a => usage.GetValueOrDefault(a.Id));
            var lowBlocks = g.Count(a => usage.TryGetValue(a.Id, out var n) && (double)n / a.Capacity < low);
            return new Utilisation(g.Key.Holder, g.Key.Kind, g.Count(), capacity, activated, capacity == 0 ? 0 : (double)activated / capacity, lowBlocks);
        }).ToList();
    }

    /// <summary>Allocations (in force) whose usage report for <paramref name="year"/> is missing.</summary>
    public async Task<IReadOnlyList<NumberAllocation>> MissingReportsAsync(int year, CancellationToken ct = default)
    {
        var reported = db.Usage.Where(u => u.Year == year).Select(u => u.AllocationId);
        var rows = await db.Allocations.Where(a => a.ReclaimedOn == null && a.AllocatedOn.Year <= year && !reported.Contains(a.Id)).OrderBy(a => a.Prefix).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    private async Task<AllocationRow?> HolderOfOverlapAsync(string prefix, CancellationToken ct)
    {
        var heads = NumberingPlan.Heads(prefix);
        return await db.Allocations.Where(a => a.ReclaimedOn == null && (heads.Contains(a.Prefix) || a.Prefix.StartsWith(prefix))).OrderBy(a => a.Prefix).FirstOrDefaultAsync(ct);
    }

    private static string Overlap(string prefix, AllocationRow held) =>
        $"{prefix} overlaps {held.Prefix} ({held.Kind}), allocated to {held.Holder} on {held.AllocatedOn:yyyy-MM-dd}";

    /// <summary>
    /// Serialises allocations: on PostgreSQL an advisory lock held to the end of the transaction (read
    /// committed alone would let two overlapping approvals both see the space free); SQLite's
    /// transactions already take the single write lock at their start.
    /// </summary>
    private async Task LockAllocationsAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AllocationLockKey})", ct);
        }
    }

    private async Task<Outcome<NumberingApplication>> WriteAsync(Actor actor, string action, ApplicationRow row, Action? add, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        add?.Invoke();
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, action, "numbering-application", row.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(view), row.Region), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }
}
