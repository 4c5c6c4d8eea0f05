using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Numbering.Data;
using IctGov.Numbering.Domain;
using IctGov.Numbering.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Numbering.Sti;

/// <summary>An operator's request for an STI certificate: its service provider code, and/or blocks and numbers it holds.</summary>
/// <param name="Spc">Name the operator's service provider code (the SHAKEN practice: one certificate covers what the operator originates).</param>
/// <param name="Ranges">National prefixes inside blocks the operator holds, or whole numbers it serves (allocated or ported in).</param>
internal sealed record CertificateRequestBody(bool Spc, string[]? Ranges);

/// <summary>An STI certificate as the register shows it.</summary>
/// <param name="Serial">Serial number, hexadecimal: the certificate's name in the repository.</param>
/// <param name="Operator">The operator certified.</param>
/// <param name="Entries">Its TNAuthList, entry by entry (E.164 digits).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="X5u">Where the certificate and its chain are published (the x5u of PASSporTs it signs).</param>
internal sealed record StiCertificate(string Serial, string Operator, string[] Entries, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string X5u);

/// <summary>
/// The STI certification authority (STI-CA, 专栏21 网络可信服务平台): issues an operator an X.509
/// certificate with the RFC 8226 TNAuthList extension naming its service provider code and/or number
/// ranges — only ranges the numbering registry shows the operator holding at the time of issue — and
/// publishes it with its chain in the platform's own repository, the one place x5u may point.
/// </summary>
internal sealed class StiAuthority(NumberingDbContext db, Porting registry, StiKeys keys, IAuditLog audit, TimeProvider time, IOptions<StiOptions> options)
{
    public string X5u(string serial) => options.Value.RepositoryUrl + serial + ".pem";

    private StiCertificate View(StiCertificateRow r) => new(r.Serial, r.Operator, r.Entries.Split("; "), r.NotBefore, r.NotAfter, X5u(r.Serial));

    public async Task<IReadOnlyList<StiCertificate>> CertificatesAsync(Actor actor, CancellationToken ct = default)
    {
        IQueryable<StiCertificateRow> rows = db.StiCertificates;
        if (actor.Role != Role.MinistryAdmin)
        {
            var op = Registry.OperatorOf(actor);
            rows = rows.Where(r => r.Operator == op);
        }
        return (await rows.OrderBy(r => r.Id).ToListAsync(ct)).Select(View).ToList();
    }

    /// <summary>The serial a repository file name <c>{serial}.pem</c> names (upper-case hexadecimal, as issued), or null.</summary>
    public static string? SerialOf(string? file) =>
        file is not null && file.EndsWith(".pem", StringComparison.Ordinal) && file[..^4] is { Length: > 0 and <= 40 } serial && serial.All(char.IsAsciiHexDigitUpper) ? serial : null;

    /// <summary>The PEM file x5u names: the certificate, then the root that signed it (ATIS-1000080 §5.3.1).</summary>
    public async Task<string?> RepositoryFileAsync(string file, CancellationToken ct = default)
    {
        if (SerialOf(file) is not { } serial)
        {
            return null;
        }
        var row = await db.StiCertificates.AsNoTracking().FirstOrDefaultAsync(r => r.Serial == serial, ct);
        return row is null ? null : row.Pem + keys.RootPem;
    }

    public async Task<Outcome<StiCertificate>> IssueAsync(Actor actor, CertificateRequestBody request, CancellationToken ct = default)
    {
        if (Registry.OperatorOf(actor) is not { } op)
        {
            return Outcome.Refused<StiCertificate>(actor.Refusal, "operators request STI certificates for the numbers they hold");
        }
        var now = time.GetUtcNow();
        var entries = new List<TnEntry>();
        if (request.Spc)
        {
            entries.Add(TnEntry.Code(op));
        }
        var errors = new List<RowError>();
        var ranges = request.Ranges ?? [];
        for (var i = 0; i < ranges.Length; i++)
        {
            var (entry, problem) = await EntryAsync(op, ranges[i], now, ct);
            if (entry is not null)
            {
                entries.Add(entry);
            }
            else
            {
                errors.Add(new RowError(i + 1, "ranges", problem!) { Value = ranges[i] });
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Refused<StiCertificate>(OutcomeStatus.Unprocessable, errors);
        }
        if (entries.Count == 0)
        {
            return Outcome.Invalid<StiCertificate>([new RowError(0, "spc", "expected spc: true or at least one range the operator holds")]);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = Certify(op, entries, key, now);
        var serial = certificate.SerialNumber;
        var row = new StiCertificateRow
        {
            Serial = serial, Operator = op, Entries = string.Join("; ", entries), Pem = certificate.ExportCertificatePem() + "\n",
            NotBefore = certificate.NotBefore.ToUniversalTime(), NotAfter = certificate.NotAfter.ToUniversalTime(), IssuedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.StiCertificates.Add(row);
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, "numbering.sti.issue", "sti-certificate", serial, null, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        keys.Keep(serial, ECDsa.Create(key.ExportParameters(true)));
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>The TNAuthList entry for one requested prefix or number, or why the operator may not have it.</summary>
    private async Task<(TnEntry? Entry, string? Problem)> EntryAsync(string op, string? range, DateTimeOffset now, CancellationToken ct)
    {
        if (!NumberingPlan.IsDigits(range, 3, 13))
        {
            return (null, "expected a national prefix or number, 3–13 digits");
        }
        if (NumberingPlan.IsNationalNumber(range))
        {
            var routing = await registry.RouteAsync(range!, now, ct);
            return routing.Operator == op
                ? (TnEntry.Range(NumberingPlan.E164(range!), 1), null)
                : (null, $"{range} is served by {routing.Operator ?? "no operator"}, not {op}");
        }
        var heads = NumberingPlan.Heads(range!);
        var block = await db.Allocations.Where(a => a.Holder == op && a.ReclaimedOn == null && heads.Contains(a.Prefix)).FirstOrDefaultAsync(ct);
        if (block is null)
        {
            return (null, $"{range} is not inside a numbering resource {op} holds");
        }
        if (block.Kind == ResourceKinds.Sms)
        {
            return (null, "an SMS access code carries no calls to sign");
        }
        var length = NumberingPlan.NumberLength(block.Kind, block.Prefix);
        if (range!.Length > length)
        {
            return (null, $"numbers under {block.Prefix} have {length} digits");
        }
        var count = (long)Math.Pow(10, length - range.Length);
        return (TnEntry.Range(NumberingPlan.E164(range.PadRight(length, '0')), count), null);
    }

    /// <summary>The TNAuthList of an STI certificate; a certificate without one (or with a malformed one) covers nothing.</summary>
    public static IReadOnlyList<TnEntry> Entries(X509Certificate2 certificate)
    {
        if (certificate.Extensions[TnAuthList.Oid] is not { } extension)
        {
            return [];
        }
        try
        {
            return TnAuthList.Decode(extension.RawData);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private X509Certificate2 Certify(string op, IReadOnlyList<TnEntry> entries, ECDsa key, DateTimeOffset now)
    {
        // ATIS-1000080 §6.4.1: the subject names the service provider and its common name says SHAKEN.
        var request = new CertificateRequest($"C=CN, O={op}, CN=SHAKEN {op}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(keys.Root, true, false));
        request.CertificateExtensions.Add(new X509Extension(TnAuthList.Oid, TnAuthList.Encode(entries), false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f; // a positive INTEGER
        serial[0] |= 0x01; // never a leading zero byte, so the hex serial is the DER value as written
        return request.Create(keys.Root, now.AddMinutes(-5), now.AddDays(options.Value.CertificateDays), serial);
    }
}
