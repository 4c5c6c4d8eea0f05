using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IctGov.Complaints.Contracts;
using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Data.Files;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Complaints.Features;

/// <summary>A step of the workflow: the note (reason, answer, closing words), a deadline, an outcome or the original of a duplicate.</summary>
internal sealed record TransitionRequest(string? Note = null, DateOnly? Due = null, string? Outcome = null, long? DuplicateOf = null);

/// <summary>What to list: every filter optional.</summary>
internal sealed record ComplaintFilter(string? Kind = null, string? State = null, string? Clock = null, string? Region = null, bool OpenOnly = false, int Limit = 500);

/// <summary>
/// Intake (one complaint or a CSV batch), the workflow's transitions, the user's rating and the
/// lists. Every write and its audit entry commit together; a refused batch writes nothing.
/// </summary>
internal sealed class ComplaintService(ComplaintsDbContext db, IAuditLog audit, ChinaCalendar calendar, TimeProvider time, IOrganisationDirectory directory)
{
    private readonly ComplaintCounts summary = new(db);

    /// <summary>The CSV columns of a batch (receivedOn may be empty: today).</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "kind", "region", "respondentId", "respondentName", "topic", "userName", "userPhone", "userAddress", "userPostcode",
        "claim", "facts", "eventDate", "operatorComplainedOn", "operatorResponse", "receivedOn",
    ];

    public async Task<Outcome<ComplaintReceipt>> IntakeAsync(Actor actor, ComplaintIntake intake, string channel, CancellationToken ct = default)
    {
        if (!Channels.All.Contains(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "unknown channel");
        }
        // The public files through the web form; the API and the phone centre's entry need someone signed in.
        if (channel != "web" && !actor.IsSignedIn)
        {
            return Outcome.Refused<ComplaintReceipt>(actor.Refusal, "sign in to record complaints through the API");
        }
        var operators = await OperatorsAsync(ct);
        var checkedRows = await CheckAsync(actor, [(1, intake, calendar.Today)], operators, ct);
        if (!checkedRows.Succeeded)
        {
            return checkedRows.Cast<ComplaintReceipt>();
        }
        var (rows, tokens) = await WriteAsync(actor, checkedRows.Value!, channel, ct);
        return Outcome.Ok(new ComplaintReceipt(View(rows[0]), tokens[0]));
    }

    /// <summary>A batch from a CSV file (a phone centre's day, another system's export): every row checked, all or nothing.</summary>
    public async Task<Outcome<IReadOnlyList<ComplaintReceipt>>> ImportCsvAsync(Actor actor, Stream csv, CancellationToken ct = default)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<IReadOnlyList<ComplaintReceipt>>(actor.Refusal, "appeal centres (province or ministry) import complaint batches");
        }
        var table = TableReader.ReadCsv(csv, CsvColumns, ct: ct);
        if (!table.Succeeded)
        {
            return table.Cast<IReadOnlyList<ComplaintReceipt>>();
        }
        var errors = new List<RowError>();
        var batch = new List<(long Row, ComplaintIntake Intake, DateOnly ReceivedOn)>();
        var today = calendar.Today;
        foreach (var r in table.Value!)
        {
            DateOnly? Date(int column)
            {
                var text = r[column].Trim();
                if (text.Length == 0)
                {
                    return null;
                }
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    return d;
                }
                errors.Add(new RowError(r.Row, CsvColumns[column], "expected a date yyyy-MM-dd") { Value = text });
                return null;
            }
            string? Text(int column) => string.IsNullOrWhiteSpace(r[column]) ? null : r[column].Trim();
            var receivedOn = Date(14) ?? today;
            if (receivedOn > today)
            {
                errors.Add(new RowError(r.Row, "receivedOn", $"expected a date on or before today {today:yyyy-MM-dd}"));
            }
            batch.Add((r.Row, new ComplaintIntake(Text(0), Text(1), Text(2), Text(3), Text(4), Text(5), Text(6), Text(7), Text(8), Text(9), Text(10),
                Date(11), Date(12), Text(13)), receivedOn));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<IReadOnlyList<ComplaintReceipt>>(errors.OrderBy(e => e.Row).ToList());
        }
        var checkedRows = await CheckAsync(actor, batch, await OperatorsAsync(ct), ct);
        if (!checkedRows.Succeeded)
        {
            return checkedRows.Cast<IReadOnlyList<ComplaintReceipt>>();
        }
        var (rows, tokens) = await WriteAsync(actor, checkedRows.Value!, "csv", ct);
        return Outcome.Ok<IReadOnlyList<ComplaintReceipt>>(rows.Select((c, i) => new ComplaintReceipt(View(c), tokens[i])).ToList());
    }

    /// <summary>
    /// The required fields (400 naming each), then the respondent and the actor's right to record it,
    /// then admissibility (422: operator first, time limits, 已经受理或者处理).
    /// </summary>
    private async Task<Outcome<List<ComplaintRow>>> CheckAsync(Actor actor, IReadOnlyList<(long Row, ComplaintIntake Intake, DateOnly ReceivedOn)> batch,
        IReadOnlyDictionary<string, OrganisationUnit> operators, CancellationToken ct)
    {
        var errors = new List<RowError>();
        foreach (var (row, c, receivedOn) in batch)
        {
            errors.AddRange(ComplaintRules.RequiredFields(row, c, receivedOn));
            if (c.Kind == ComplaintKinds.Telecom && c.RespondentId is { } op && !operators.ContainsKey(op))
            {
                errors.Add(new RowError(row, "respondentId", "expected a basic telecom operator: " + string.Join(", ", operators.Keys.Order(StringComparer.Ordinal))) { Value = op });
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<List<ComplaintRow>>(errors);
        }
        foreach (var (row, c, _) in batch)
        {
            var allowed = actor.Role switch
            {
                Role.MinistryAdmin or Role.Public => true,
                Role.ProvinceAdmin => actor.RegionCode == c.Region,
                Role.Reporter => actor.UnitId == c.RespondentId || actor.UnitId == c.RespondentId + "-" + c.Region,
                _ => false,
            };
            if (!allowed)
            {
                return Outcome.Refused<List<ComplaintRow>>(actor.Refusal,
                    $"row {row}: a province's centre records complaints of its own region, an operator or company only complaints about itself");
            }
        }
        var rows = new List<ComplaintRow>();
        var seen = new HashSet<(string, string, string, string, DateOnly)>();
        foreach (var (row, c, receivedOn) in batch)
        {
            errors.AddRange(ComplaintRules.Admissibility(row, c, receivedOn, calendar));
            var key = (c.Kind!, c.UserPhone!.Trim(), c.RespondentId!, c.Topic!, c.EventDate!.Value);
            var known = await db.Complaints.AsNoTracking().AnyAsync(x => x.Kind == key.Item1 && x.UserPhone == key.Item2 && x.RespondentId == key.Item3
                && x.Topic == key.Item4 && x.EventDate == key.Item5 && x.State != States.Rejected && x.State != States.Duplicate, ct);
            if (known || !seen.Add(key))
            {
                errors.Add(new RowError(row, "userPhone", "the same user's complaint about the same matter is already being handled or has been handled (第十一条第三项: 申诉受理机构已经受理或者处理的)") { Rule = "already-decided" });
            }
            var kind = c.Kind!;
            rows.Add(new ComplaintRow
            {
                Kind = kind,
                Region = c.Region!,
                RespondentId = c.RespondentId!,
                RespondentName = kind == ComplaintKinds.Telecom ? operators[c.RespondentId!].NameZh : c.RespondentName!.Trim(),
                Topic = c.Topic!,
                Channel = "",
                UserName = c.UserName!.Trim(),
                UserPhone = c.UserPhone!.Trim(),
                UserAddress = c.UserAddress!.Trim(),
                UserPostcode = c.UserPostcode!,
                Claim = c.Claim!.Trim(),
                Facts = c.Facts!.Trim(),
                EventDate = c.EventDate!.Value,
                OperatorComplainedOn = kind == ComplaintKinds.Telecom ? c.OperatorComplainedOn : null,
                OperatorResponse = kind == ComplaintKinds.Telecom ? c.OperatorResponse : null,
                ReceivedOn = receivedOn,
                State = States.Received,
                AcceptanceDue = kind == ComplaintKinds.Telecom ? ComplaintRules.AcceptanceDue(receivedOn, calendar) : null,
                RatingTokenHash = "",
            });
        }
        return errors.Count > 0
            ? Outcome.Refused<List<ComplaintRow>>(OutcomeStatus.Unprocessable, errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} complaints are not admissible; the first: {errors[0]}", errors)
            : Outcome.Ok(rows);
    }

    private async Task<(List<ComplaintRow> Rows, List<string> Tokens)> WriteAsync(Actor actor, List<ComplaintRow> rows, string channel, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tokens = new List<string>();
        foreach (var row in rows)
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            tokens.Add(token);
            row.RatingTokenHash = Hash(token);
            row.Channel = channel;
            row.ReceivedAt = now;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Complaints.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await summary.ApplyAsync(rows.Select(r => ((Contribution?)null, (Contribution?)Contribution.Of(r))), ct);
        foreach (var row in rows)
        {
            db.Events.Add(new ComplaintEventRow { ComplaintId = row.Id, At = now, Day = calendar.Today, ActorId = actor.Id, Action = "intake", FromState = "", ToState = States.Received, Note = channel });
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "complaints.intake", "complaint", string.Join(",", rows.Select(r => r.Id)), null,
            JsonSerializer.Serialize(new { channel, count = rows.Count, ids = rows.Select(r => r.Id) }), rows.Count == 1 ? rows[0].Region : null), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return (rows, tokens);
    }

    /// <summary>Takes <paramref name="action"/> on complaint <paramref name="id"/> for <paramref name="actor"/>.</summary>
    public async Task<Outcome<ComplaintView>> TransitionAsync(Actor actor, long id, string action, TransitionRequest request, CancellationToken ct = default)
    {
        if (!Actions.All.Contains(action))
        {
            return Outcome.Refused<ComplaintView>(OutcomeStatus.NotFound, $"no action '{action}'; expected one of {string.Join(", ", Actions.All)}");
        }
        var c = await db.Complaints.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !ComplaintAccess.CanSee(actor, c))
        {
            return actor.IsSignedIn ? Outcome.Refused<ComplaintView>(OutcomeStatus.NotFound, $"no complaint {id}") : Outcome.Refused<ComplaintView>(actor.Refusal, "sign in");
        }
        var contributed = Contribution.Of(c);
        var mayAct = action == Actions.Answer ? ComplaintAccess.IsRespondent(actor, c) : ComplaintAccess.IsCentre(actor, c);
        if (!mayAct)
        {
            return Outcome.Refused<ComplaintView>(OutcomeStatus.Forbidden,
                action == Actions.Answer ? "only the operator or company complained about answers" : "only the appeal centre of the complaint's province or the ministry does this");
        }
        var (from, to) = Actions.Rule(action);
        if (!from.Contains(c.State))
        {
            return Outcome.Refused<ComplaintView>(OutcomeStatus.Conflict, $"a complaint in state {c.State} cannot be {action}ed; allowed from: {string.Join(", ", from)}");
        }
        var today = calendar.Today;
        var errors = new List<RowError>();
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > 2000 })
        {
            errors.Add(new RowError(0, "note", "at most 2,000 characters"));
        }
        var before = JsonSerializer.Serialize(new { state = c.State });
        switch (action)
        {
            case Actions.Accept:
                c.DecidedOn = today;
                c.AnswerDue = c.Kind == ComplaintKinds.Telecom ? ComplaintRules.AnswerDue(c.ReceivedOn, calendar) : null;
                break;
            case Actions.Reject:
                if (note is null)
                {
                    errors.Add(new RowError(0, "note", "expected the reason for not accepting (不予受理的理由, 第十四条)"));
                }
                c.DecidedOn = today;
                c.RejectionReason = note;
                break;
            case Actions.Transfer:
                c.TransferredOn = today;
                if (c.Kind == ComplaintKinds.Internet)
                {
                    if (request.Due is not null)
                    {
                        errors.Add(new RowError(0, "due", "an Internet company's deadline is fixed: 10 working days after the transfer"));
                    }
                    c.RespondentDue = ComplaintRules.InternetDue(today, calendar);
                }
                else if (request.Due is { } due)
                {
                    if (due < today || (c.AnswerDue is { } answer && due > answer))
                    {
                        errors.Add(new RowError(0, "due", $"expected a date from today to the answer deadline {c.AnswerDue:yyyy-MM-dd}") { Value = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
                    }
                    c.RespondentDue = due;
                }
                else
                {
                    c.RespondentDue = ComplaintRules.DefaultOperatorDue(today, c.AnswerDue, calendar);
                }
                break;
            case Actions.Answer:
                if (note is null)
                {
                    errors.Add(new RowError(0, "note", "expected the answer given to the user"));
                }
                c.RespondentAnsweredOn = today;
                c.RespondentAnswer = note;
                break;
            case Actions.Mediate:
                c.MediationOn = today;
                break;
            case Actions.Close:
                if (request.Outcome is null || !Outcomes.Closing.Contains(request.Outcome))
                {
                    errors.Add(new RowError(0, "outcome", "expected resolved, mediated or not_resolved (withdrawal has its own action)") { Value = request.Outcome });
                }
                else if (request.Outcome == Outcomes.Mediated && c.State != States.Mediating)
                {
                    errors.Add(new RowError(0, "outcome", "mediated needs a mediation first (action mediate)") { Value = request.Outcome });
                }
                c.ClosedOn = today;
                c.Outcome = request.Outcome;
                c.ClosingNote = note;
                break;
            case Actions.Withdraw:
                c.ClosedOn = today;
                c.Outcome = Outcomes.Withdrawn;
                c.ClosingNote = note;
                break;
            case Actions.MarkDuplicate:
                var original = request.DuplicateOf is { } o ? await db.Complaints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == o, ct) : null;
                if (original is null || original.Id == c.Id || original.Kind != c.Kind || original.State == States.Duplicate)
                {
                    errors.Add(new RowError(0, "duplicateOf", "expected the id of the original complaint of the same kind") { Value = request.DuplicateOf?.ToString(CultureInfo.InvariantCulture) });
                }
                c.DuplicateOf = request.DuplicateOf;
                break;
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ComplaintView>(errors);
        }
        var fromState = c.State;
        c.State = to;
        return await SaveAsync(c, contributed, actor.Id, action, fromState, note, before,
            JsonSerializer.Serialize(new { state = c.State, note, due = c.RespondentDue, outcome = c.Outcome, duplicateOf = c.DuplicateOf }), ct);
    }

    /// <summary>The complaint's change, its event, the summary's cells and its audit entry in one transaction; a concurrent change is a conflict.</summary>
    private async Task<Outcome<ComplaintView>> SaveAsync(ComplaintRow c, Contribution contributed, string actorId, string action, string fromState, string? note, string? before, string after, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Events.Add(new ComplaintEventRow { ComplaintId = c.Id, At = time.GetUtcNow(), Day = calendar.Today, ActorId = actorId, Action = action, FromState = fromState, ToState = c.State, Note = note });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Refused<ComplaintView>(OutcomeStatus.Conflict, $"complaint {c.Id} changed meanwhile; reload it and try again");
        }
        await summary.ApplyAsync([(contributed, Contribution.Of(c))], ct);
        await audit.AppendAsync(new AuditEntry(actorId, "complaints." + action, "complaint", c.Id.ToString(CultureInfo.InvariantCulture), before, after, c.Region), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(View(c));
    }

    /// <summary>The user rates a closed complaint with the token given at intake: 1 (very dissatisfied) to 5 (very satisfied), once.</summary>
    public async Task<Outcome<ComplaintView>> RateAsync(long id, string? token, int? score, CancellationToken ct = default)
    {
        var c = await db.Complaints.FirstOrDefaultAsync(x => x.Id == id, ct);
        // A wrong token is answered as an unknown complaint: the token is the user's only proof.
        if (c is null || token is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c.RatingTokenHash), Encoding.ASCII.GetBytes(Hash(token))))
        {
            return Outcome.Refused<ComplaintView>(OutcomeStatus.NotFound, $"no complaint {id} with that token");
        }
        if (score is not (>= 1 and <= 5))
        {
            return Outcome.Invalid<ComplaintView>([new RowError(0, "score", "expected 1 (very dissatisfied) to 5 (very satisfied)")]);
        }
        if (c.State != States.Closed || c.Rating is not null)
        {
            return Outcome.Refused<ComplaintView>(OutcomeStatus.Conflict, c.Rating is not null ? "this complaint has been rated" : "a complaint is rated once it is closed");
        }
        var contributed = Contribution.Of(c);
        c.Rating = score;
        c.RatedOn = calendar.Today;
        if (c.Kind == ComplaintKinds.Telecom)
        {
            // One source of the satisfaction index's appeal-handling figure (docs/COMPLAINTS.md).
            var item = DefaultSurveys.FromRating(score.Value);
            db.Responses.Add(new SurveyResponseRow
            {
                SurveyCode = DefaultSurveys.ComplaintHandling, OperatorId = c.RespondentId, Region = c.Region, RespondedOn = calendar.Today, Source = "complaint",
                ComplaintId = c.Id, ScoresJson = JsonSerializer.Serialize(new Dictionary<string, decimal> { ["handling"] = item }), IndexValue = (double)item * 10,
            });
        }
        return await SaveAsync(c, contributed, "complainant:" + c.Id.ToString(CultureInfo.InvariantCulture), "rate", c.State, score.Value.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new { rating = score }), ct);
    }

    public async Task<Outcome<ComplaintView>> GetAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<ComplaintView>(actor.Refusal, "sign in to read complaints");
        }
        var c = await db.Complaints.AsNoTracking().Visible(actor).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? Outcome.Refused<ComplaintView>(OutcomeStatus.NotFound, $"no complaint {id}") : Outcome.Ok(View(c));
    }

    /// <summary>The transitions of a complaint the actor may see, oldest first.</summary>
    public async Task<IReadOnlyList<ComplaintEventRow>> HistoryAsync(Actor actor, long id, CancellationToken ct = default) =>
        await db.Complaints.AsNoTracking().Visible(actor).AnyAsync(x => x.Id == id, ct)
            ? await db.Events.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.Id).ToListAsync(ct)
            : [];

    public async Task<Outcome<IReadOnlyList<ComplaintView>>> ListAsync(Actor actor, ComplaintFilter filter, CancellationToken ct = default)
    {
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<IReadOnlyList<ComplaintView>>(actor.Refusal, "sign in to read complaints");
        }
        var q = db.Complaints.AsNoTracking().Visible(actor);
        if (filter.Kind is { } kind) q = q.Where(c => c.Kind == kind);
        if (filter.State is { } state) q = q.Where(c => c.State == state);
        if (filter.Region is { } region) q = q.Where(c => c.Region == region);
        if (filter.OpenOnly || filter.Clock is not null)
        {
            var open = States.Open.ToArray();
            q = q.Where(c => open.Contains(c.State));
        }
        var views = (await q.OrderBy(c => c.Id).Take(Math.Clamp(filter.Limit, 1, 100_000)).ToListAsync(ct)).Select(View);
        if (filter.Clock is { } clock)
        {
            views = views.Where(v => v.Clock.State == clock);
        }
        return Outcome.Ok<IReadOnlyList<ComplaintView>>(views.ToList());
    }

    /// <summary>
    /// The open complaints the actor may see: how many are in each clock state (all of them, counted
    /// in the database by running deadline), and the <paramref name="take"/> most urgent of those in
    /// <paramref name="clock"/> (or of all: overdue, due soon, calendar not published, on track, no clock), by deadline.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, long> ByClock, IReadOnlyList<ComplaintView> Urgent)> OpenAsync(Actor actor, string? kind, string? clock, int take,
        CancellationToken ct = default)
    {
        if (!actor.IsSignedIn)
        {
            return (new Dictionary<string, long>(), []);
        }
        var open = States.Open.ToArray();
        var q = db.Complaints.AsNoTracking().Visible(actor).Where(c => open.Contains(c.State));
        if (kind is not null) q = q.Where(c => c.Kind == kind);
        // The running clock's deadline (ClockReading.Of): acceptance, then answer for an appeal; the company's for a transferred Internet complaint.
        var running = q.Select(c => new
        {
            Row = c,
            Due = c.Kind == ComplaintKinds.Telecom ? (c.State == States.Received ? c.AcceptanceDue : c.AnswerDue) : c.State == States.Transferred ? c.RespondentDue : null,
        });
        var groups = (await running.GroupBy(x => new { x.Row.Kind, x.Row.State, x.Due }).Select(g => new { g.Key.Kind, g.Key.State, g.Key.Due, N = g.LongCount() }).ToListAsync(ct))
            .Select(g => (g.Kind, g.State, g.Due, g.N, Clock: ClockReading.Of(g.Kind, g.State, g.Due, g.Due, g.Due, calendar).State)).ToList();
        var byClock = groups.GroupBy(g => g.Clock).ToDictionary(g => g.Key, g => g.Sum(x => x.N));
        var urgent = new List<ComplaintView>();
        foreach (var state in new[] { ClockStates.Red, ClockStates.Amber, ClockStates.Unknown, ClockStates.Green, ClockStates.None }.Where(s => clock is null || s == clock))
        {
            // Each state's deadlines are one range (overdue < due soon < on track < beyond the published calendar); without a deadline, by kind and state.
            var these = groups.Where(g => g.Clock == state).ToList();
            var dated = these.Where(g => g.Due is not null).Select(g => g.Due!.Value).ToList();
            if (dated.Count > 0)
            {
                var (from, to) = (dated.Min(), dated.Max());
                // The ids first, from the covering index alone; then only those rows.
                var ids = await running.Where(x => x.Due >= from && x.Due <= to).OrderBy(x => x.Due).ThenBy(x => x.Row.Id).Take(take - urgent.Count).Select(x => x.Row.Id).ToListAsync(ct);
                var rows = (await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id);
                urgent.AddRange(ids.Select(id => View(rows[id])).Where(v => v.Clock.State == state));
            }
            foreach (var (k, st) in these.Where(g => g.Due is null).Select(g => (g.Kind, g.State)).Distinct())
            {
                if (urgent.Count >= take) break;
                urgent.AddRange((await running.Where(x => x.Due == null && x.Row.Kind == k && x.Row.State == st).OrderBy(x => x.Row.Id).Take(take - urgent.Count).Select(x => x.Row).ToListAsync(ct))
                    .Select(View));
            }
            if (urgent.Count >= take) break;
        }
        return (byClock, urgent);
    }

    internal ComplaintView View(ComplaintRow c)
    {
        var clock = ClockReading.Of(c.Kind, c.State, c.AcceptanceDue, c.AnswerDue, c.RespondentDue, calendar);
        return new ComplaintView(c.Id, c.Kind, c.Region, c.RespondentId, c.RespondentName, c.Topic, c.Channel, c.UserName, c.UserPhone, c.Claim, c.Facts,
            c.EventDate, c.ReceivedOn, c.State, c.AcceptanceDue, c.DecidedOn, c.RejectionReason, c.AnswerDue, c.TransferredOn, c.RespondentDue,
            c.RespondentAnsweredOn, c.RespondentAnswer, c.ClosedOn, c.Outcome, c.DuplicateOf, c.Rating,
            new ComplaintClock(clock.Stage, clock.Due, clock.State, clock.WorkingDaysLeft));
    }

    private async Task<IReadOnlyDictionary<string, OrganisationUnit>> OperatorsAsync(CancellationToken ct) =>
        (await directory.ListAsync(ct)).Where(u => u.Kind == "Operator").ToDictionary(u => u.Id, StringComparer.Ordinal);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
