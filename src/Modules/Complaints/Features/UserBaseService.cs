using System.Globalization;
using System.Text.Json;
using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Data.Files;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Complaints.Features;

/// <summary>The user figures behind complaints per million users: the published seed, and the ministry's CSV.</summary>
internal sealed class UserBaseService(ComplaintsDbContext db, IAuditLog audit)
{
    /// <summary>Adds the published figures not yet recorded.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        var known = (await db.UserBase.AsNoTracking().Select(u => new { u.Scope, u.Key, u.AsOf }).ToListAsync(ct)).Select(u => (u.Scope, u.Key, u.AsOf)).ToHashSet();
        db.UserBase.AddRange(UserBase.Seed.Where(s => !known.Contains((s.Scope, s.Key, s.AsOf)))
            .Select(s => new UserBaseRow { Scope = s.Scope, Key = s.Key, AsOf = s.AsOf, Users = s.Users, Source = s.Source }));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<UserBaseRow>> ListAsync(CancellationToken ct) =>
        await db.UserBase.AsNoTracking().OrderBy(u => u.Scope).ThenBy(u => u.Key).ThenBy(u => u.AsOf).ToListAsync(ct);

    /// <summary>
    /// CSV <c>scope,key,asOf,users,source</c> (ministry): every row checked, all or nothing; a figure
    /// for the same scope, key and date replaces the recorded one.
    /// </summary>
    public async Task<Outcome<int>> ImportCsvAsync(Actor actor, Stream csv, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<int>(actor.Refusal, "the ministry records user figures");
        }
        var table = TableReader.ReadCsv(csv, UserBase.CsvColumns, ct: ct);
        if (!table.Succeeded)
        {
            return table.Cast<int>();
        }
        var errors = new List<RowError>();
        var rows = new Dictionary<(string, string, DateOnly), UserBaseRow>();
        foreach (var r in table.Value!)
        {
            var (scope, key, source) = (r[0].Trim(), r[1].Trim(), r[4].Trim());
            if (scope is not (UserBase.Operator or UserBase.Province))
            {
                errors.Add(new RowError(r.Row, "scope", "expected operator or province") { Value = scope });
            }
            else if (scope == UserBase.Province ? key != Region.NationalCode && !Regions.TryGet(key, out _) : key.Length is 0 or > 64)
            {
                errors.Add(new RowError(r.Row, "key", scope == UserBase.Province ? "expected a province code (GB/T 2260) or 100000 for the nation" : "expected the operator's unit id (cm, ct, cu, cbn)") { Value = key });
            }
            if (!DateOnly.TryParseExact(r[2].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
            {
                errors.Add(new RowError(r.Row, "asOf", "expected a date yyyy-MM-dd") { Value = r[2] });
            }
            if (!long.TryParse(r[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var users) || users <= 0)
            {
                errors.Add(new RowError(r.Row, "users", "expected a whole number of users above 0") { Value = r[3] });
            }
            if (source.Length is 0 or > 500)
            {
                errors.Add(new RowError(r.Row, "source", "expected where the figure was published (at most 500 characters)"));
            }
            if (!rows.TryAdd((scope, key, asOf), new UserBaseRow { Scope = scope, Key = key, AsOf = asOf, Users = users, Source = source }))
            {
                errors.Add(new RowError(r.Row, "asOf", "the same scope, key and date appear twice in the file"));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<int>(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows.Values)
        {
            await db.UserBase.Where(u => u.Scope == row.Scope && u.Key == row.Key && u.AsOf == row.AsOf).ExecuteDeleteAsync(ct);
        }
        db.UserBase.AddRange(rows.Values);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "complaints.user_base.import", "user_base", rows.Count.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(rows.Values.Select(u => new { u.Scope, u.Key, u.AsOf, u.Users }))), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(rows.Count);
    }
}
