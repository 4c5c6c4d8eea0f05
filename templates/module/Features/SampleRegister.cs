using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Sample.Contracts;
using IctGov.Sample.Data;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Sample.Features;

/// <summary>The module's settings, from the configuration section <c>Sample</c> (validated at start-up).</summary>
internal sealed class SampleOptions
{
    /// <summary>Longest code accepted.</summary>
    [Range(1, 32)]
    public int MaxCodeLength { get; set; } = 16;
}

/// <summary>A request to register an entry.</summary>
internal sealed record RegisterSampleRequest(string? Code, string? NameZh, string? NameEn);

/// <summary>
/// Registering and listing entries: validation names the field, the write and its audit entry commit
/// together, "today" is the China Standard Time date, and refusals are kernel outcomes.
/// </summary>
internal sealed class SampleRegister(SampleDbContext db, IAuditLog audit, ChinaCalendar calendar, IOptions<SampleOptions> options) : ISampleRegister
{
    public async Task<IReadOnlyList<SampleEntry>> ListAsync(CancellationToken ct = default) =>
        await db.Items.OrderBy(i => i.Code).Select(i => new SampleEntry(i.Code, i.NameZh, i.NameEn, i.Registered)).ToListAsync(ct);

    public async Task<Outcome<SampleEntry>> RegisterAsync(Actor actor, string code, string nameZh, string nameEn, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<SampleEntry>(actor.Refusal, "the ministry keeps the register");
        }
        var errors = Validate(code, nameZh, nameEn);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<SampleEntry>(errors);
        }
        if (await db.Items.AnyAsync(i => i.Code == code, ct))
        {
            return Outcome.Refused<SampleEntry>(OutcomeStatus.Conflict, $"'{code}' is already registered");
        }
        var item = new SampleItem { Code = code, NameZh = nameZh, NameEn = nameEn, Registered = calendar.Today };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Items.Add(item);
        await db.SaveChangesAsync(ct);
        var entry = new SampleEntry(item.Code, item.NameZh, item.NameEn, item.Registered);
        await audit.AppendAsync(new AuditEntry(actor.Id, "sample.register", "sample", code, null, JsonSerializer.Serialize(entry)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(entry);
    }

    private List<RowError> Validate(string code, string nameZh, string nameEn)
    {
        var errors = new List<RowError>();
        if (string.IsNullOrWhiteSpace(code) || code.Length > options.Value.MaxCodeLength || !code.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(new RowError(1, "code", $"expected 1–{options.Value.MaxCodeLength} ASCII letters or digits") { Value = code });
        }
        if (string.IsNullOrWhiteSpace(nameZh))
        {
            errors.Add(new RowError(1, "nameZh", "expected the name in Chinese"));
        }
        if (string.IsNullOrWhiteSpace(nameEn))
        {
            errors.Add(new RowError(1, "nameEn", "expected the name in English"));
        }
        return errors;
    }
}

/// <summary>GET/POST /api/v1/sample/entries.</summary>
internal static class SampleApi
{
    public static RouteGroupBuilder MapSampleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/entries", List).WithName("ListSampleEntries").WithSummary("Every entry of the register (public)");
        api.MapPost("/entries", Register).WithName("RegisterSampleEntry").WithSummary("Register an entry (ministry)")
            .RequireAuthorization(Policies.MinistryOnly);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<SampleEntry>>> List(SampleRegister register, CancellationToken ct) =>
        TypedResults.Ok(await register.ListAsync(ct));

    private static async Task<Results<Ok<SampleEntry>, ProblemHttpResult>> Register(RegisterSampleRequest request, SampleRegister register, IActorAccessor actors, CancellationToken ct) =>
        (await register.RegisterAsync(actors.Current, request.Code ?? "", request.NameZh ?? "", request.NameEn ?? "", ct)).ToHttpResult();
}
