using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

internal static class PortStatus
{
    /// <summary>Requested by the recipient; waiting for both operators' acknowledgement.</summary>
    public const string Pending = "pending";
    /// <summary>Both acknowledged: effective at <see cref="PortRow.EffectiveAt"/>.</summary>
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
}

/// <summary>The donor's eligibility query: the number and what the donor knows of its subscriber.</summary>
internal sealed record AuthoriseRequest(string? Number, bool RealName, string? Status, bool BillsSettled, DateOnly? ContractEnds, DateOnly? ActivatedOn);

/// <summary>The code the subscriber takes to the recipient, and until when it is good.</summary>
internal sealed record Authorisation(string Number, string Code, DateTimeOffset ExpiresAt);

/// <summary>The recipient's port request: the number and the subscriber's authorisation code.</summary>
internal sealed record PortRequest(string? Number, string? Code);

/// <summary>
/// The central portability database (携号转网服务管理规定 2019): the donor checks eligibility and
/// issues a code valid 60 minutes; the recipient files the port with it; once donor and recipient
/// have acknowledged, the port takes effect at the next full hour, and routing answers change then
/// and never before. Operators see only ports they are party to.
/// </summary>
internal sealed class Porting(NumberingDbContext db, IAuditLog audit, ChinaCalendar calendar, TimeProvider time, IOptions<NumberingOptions> options) : INumberingRegistry
{
    private static NumberPort View(PortRow p) => new(p.Id, p.Number, p.Donor, p.Recipient, p.Status, p.RequestedAt, p.DonorAcknowledgedAt, p.RecipientAcknowledgedAt, p.EffectiveAt);

    public async Task<NumberRouting> RouteAsync(string number, DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var when = at ?? time.GetUtcNow();
        var heads = NumberingPlan.Heads(number);
        var block = await db.Allocations.Where(a => a.ReclaimedOn == null && heads.Contains(a.Prefix)).OrderByDescending(a => a.Prefix.Length).FirstOrDefaultAsync(ct);
        // A number's ports are few: filtered here so the instant comparison is the same on both engines.
        var ports = await db.Ports.Where(p => p.Number == number && p.Status == PortStatus.Scheduled).ToListAsync(ct);
        var current = ports.Where(p => p.EffectiveAt <= when).MaxBy(p => p.EffectiveAt);
        var op = current?.Recipient ?? block?.Holder;
        return new NumberRouting(number, op, op is null ? null : options.Value.RoutingNumbers.GetValueOrDefault(op),
            current is not null && current.Recipient != block?.Holder, current?.EffectiveAt, block?.Holder);
    }

    public async Task<IReadOnlyList<NumberAllocation>> HeldByAsync(string holder, CancellationToken ct = default) =>
        (await db.Allocations.Where(a => a.Holder == holder && a.ReclaimedOn == null).OrderBy(a => a.Prefix).ToListAsync(ct)).Select(Registry.View).ToList();

    public async Task<IReadOnlyList<NumberPort>> PortsAsync(Actor actor, CancellationToken ct = default)
    {
        IQueryable<PortRow> rows = db.Ports;
        if (actor.Role != Role.MinistryAdmin)
        {
            var op = Registry.OperatorOf(actor);
            rows = op is null ? rows.Where(p => false) : rows.Where(p => p.Donor == op || p.Recipient == op);
        }
        return (await rows.OrderBy(p => p.Id).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<Outcome<Authorisation>> AuthoriseAsync(Actor actor, AuthoriseRequest request, CancellationToken ct = default)
    {
        if (Registry.OperatorOf(actor) is not { } op)
        {
            return Outcome.Refused<Authorisation>(actor.Refusal, "the operator serving the number checks eligibility and issues the code");
        }
        if (!NumberingPlan.IsNationalNumber(request.Number))
        {
            return Outcome.Invalid<Authorisation>([new RowError(1, "number", "expected a national number: 11-digit mobile, 13-digit IoT or 0 + area code + local number") { Value = request.Number }]);
        }
        var number = request.Number!;
        var now = time.GetUtcNow();
        var routing = await RouteAsync(number, now, ct);
        if (routing.Operator != op)
        {
            return Outcome.Refused<Authorisation>(OutcomeStatus.Forbidden, $"{number} is not served by {op}; only the serving operator authorises its port");
        }
        var lastPorted = (await db.Ports.Where(p => p.Number == number && p.Status == PortStatus.Scheduled).ToListAsync(ct))
            .Where(p => p.EffectiveAt <= now).Select(p => (DateOnly?)ChinaCalendar.ToChinaDate(p.EffectiveAt!.Value)).Max();
        var errors = Portability.Check(new SubscriberFacts(request.RealName, request.Status, request.BillsSettled, request.ContractEnds, request.ActivatedOn), lastPorted, calendar.Today);
        if (errors.Count > 0)
        {
            return Outcome.Refused<Authorisation>(OutcomeStatus.Unprocessable, errors);
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var row = new AuthorisationRow { Number = number, Donor = op, CodeHash = Hash(number, code), IssuedAt = now, ExpiresAt = now + Portability.CodeLifetime };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Authorisations.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.port.authorise", "number", number, null, JsonSerializer.Serialize(new { op, row.ExpiresAt })), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(new Authorisation(number, code, row.ExpiresAt));
    }

    public async Task<Outcome<NumberPort>> RequestAsync(Actor actor, PortRequest request, CancellationToken ct = default)
    {
        if (Registry.OperatorOf(actor) is not { } op)
        {
            return Outcome.Refused<NumberPort>(actor.Refusal, "the recipient operator files the port");
        }
        if (!NumberingPlan.IsNationalNumber(request.Number) || !NumberingPlan.IsDigits(request.Code, 6, 6))
        {
            var field = NumberingPlan.IsNationalNumber(request.Number) ? "code" : "number";
            return Outcome.Invalid<NumberPort>([new RowError(1, field, field == "code" ? "expected the six-digit authorisation code" : "expected a national number") { Value = field == "code" ? null : request.Number }]);
        }
        var number = request.Number!;
        var now = time.GetUtcNow();
        var hash = Hash(number, request.Code!);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var authorisation = (await db.Authorisations.Where(a => a.Number == number && a.CodeHash == hash && a.UsedAt == null).ToListAsync(ct))
            .Where(a => a.ExpiresAt > now).MaxBy(a => a.IssuedAt);
        if (authorisation is null)
        {
            return Outcome.Refused<NumberPort>(OutcomeStatus.Unprocessable, [new RowError(1, "code", $"no unused authorisation code for {number} matches, or it is past its {Portability.CodeLifetime.TotalMinutes:0} minutes")]);
        }
        if (authorisation.Donor == op)
        {
            return Outcome.Refused<NumberPort>(OutcomeStatus.Unprocessable, $"{number} is already served by {op}");
        }
        var open = await db.Ports.AnyAsync(p => p.Number == number && p.Status == PortStatus.Pending, ct);
        if (open)
        {
            return Outcome.Refused<NumberPort>(OutcomeStatus.Conflict, $"a port of {number} is already pending");
        }
        authorisation.UsedAt = now;
        var row = new PortRow { Number = number, Donor = authorisation.Donor, Recipient = op, Status = PortStatus.Pending, RequestedAt = now, RecipientAcknowledgedAt = now };
        db.Ports.Add(row);
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.port.request", "number", number, null, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>
    /// The donor (and, if it had not, the recipient) acknowledges; when both have, the port takes
    /// effect at the next full hour after the last acknowledgement.
    /// </summary>
    public async Task<Outcome<NumberPort>> AcknowledgeAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var op = Registry.OperatorOf(actor);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Ports.FindAsync([id], ct) is not { } row || op is null || (row.Donor != op && row.Recipient != op))
        {
            return Outcome.Refused<NumberPort>(op is null ? actor.Refusal : OutcomeStatus.NotFound, $"no port {id} of yours");
        }
        if (row.Status != PortStatus.Pending)
        {
            return Outcome.Refused<NumberPort>(OutcomeStatus.Conflict, $"port {id} is {row.Status}");
        }
        var now = time.GetUtcNow();
        if (row.Donor == op)
        {
            row.DonorAcknowledgedAt ??= now;
        }
        else
        {
            row.RecipientAcknowledgedAt ??= now;
        }
        if (row.DonorAcknowledgedAt is not null && row.RecipientAcknowledgedAt is not null)
        {
            row.Status = PortStatus.Scheduled;
            row.EffectiveAt = Portability.NextFullHour(now);
        }
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.port.acknowledge", "number", row.Number, null, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    // The code is six digits: kept only as a hash bound to the number, so a leaked table names no usable code.
    private static string Hash(string number, string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(number + ":" + code)));
}
