using System.Text.Json;
using IctGov.Identifiers.Data;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Identifiers.Registry;

// Data templates: the fields a prefix's owner requires of its identifiers.
internal sealed partial class RegistryService
{
    public async Task<Outcome<Done>> SetTemplateAsync(string prefix, IReadOnlyList<TemplateField>? fields, Actor actor, CancellationToken ct)
    {
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Unauthenticated, "sign in or send an API token");
        }
        var owner = await PrefixAsync(prefix, ct);
        if (owner is null)
        {
            return Outcome.Refused<Done>(OutcomeStatus.NotFound, $"prefix {prefix} is not registered");
        }
        if (!MayRegister(actor, owner))
        {
            return Outcome.Refused<Done>(OutcomeStatus.Forbidden, "the prefix's owner or the ministry sets its data template");
        }
        prefix = owner.Prefix;
        var problems = DataTemplate.CheckDefinition(fields);
        if (problems.Count > 0)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Unprocessable, problems);
        }
        var json = JsonSerializer.Serialize(fields, TemplateRegistry.Json);
        string? before = null;
        var result = await AuditedAsync(async () =>
        {
            var row = await db.Templates.FirstOrDefaultAsync(t => t.Prefix == prefix, ct);
            before = row?.FieldsJson;
            if (row is null)
            {
                db.Templates.Add(new TemplateRow { Prefix = prefix, FieldsJson = json, UpdatedAt = clock.GetUtcNow() });
            }
            else
            {
                row.FieldsJson = json;
                row.UpdatedAt = clock.GetUtcNow();
            }
            return Outcome.Ok();
        }, () => new AuditEntry(actor.Id, "identifiers.template.set", "identifier_template", prefix, before, json, owner.Province), ct);
        await templates.LoadAsync(ct);
        return result;
    }

    public async Task<Outcome<Done>> DeleteTemplateAsync(string prefix, Actor actor, CancellationToken ct)
    {
        var owner = await PrefixAsync(prefix, ct);
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Unauthenticated, "sign in or send an API token");
        }
        if (owner is null || !MayRegister(actor, owner))
        {
            return Outcome.Refused<Done>(owner is null ? OutcomeStatus.NotFound : OutcomeStatus.Forbidden, owner is null ? $"prefix {prefix} is not registered" : "the prefix's owner or the ministry removes its data template");
        }
        prefix = owner.Prefix;
        string? before = null;
        var result = await AuditedAsync(async () =>
        {
            var row = await db.Templates.FirstOrDefaultAsync(t => t.Prefix == prefix, ct);
            if (row is null)
            {
                return Outcome.Refused<Done>(OutcomeStatus.NotFound, $"prefix {prefix} has no data template");
            }
            before = row.FieldsJson;
            db.Templates.Remove(row);
            return Outcome.Ok();
        }, () => new AuditEntry(actor.Id, "identifiers.template.delete", "identifier_template", prefix, before, null, owner.Province), ct);
        await templates.LoadAsync(ct);
        return result;
    }
}
