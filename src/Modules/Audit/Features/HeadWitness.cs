using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IctGov.Audit.Contracts;
using IctGov.Audit.Data;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Audit.Features;

/// <summary>Where the witnessed heads go, from the configuration section <c>Audit:Witness</c>.</summary>
internal sealed class HeadWitnessOptions
{
    /// <summary>
    /// The append-only file of signed heads; default <c>&lt;data&gt;/audit/heads.log</c>. Point it (and the key) at
    /// storage the database's administrators cannot write, so that rows removed from the end of the log are seen.
    /// </summary>
    public string? File { get; set; }

    /// <summary>The witness's ECDSA P-256 key (PKCS#8 PEM), created on first use; default <c>&lt;data&gt;/audit/witness.key</c>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>How often a running server writes the head down.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Writes the audit chain's head down outside the database: one signed line per new head
/// (<c>SEQ HASH TIME SIGNATURE</c>), appended and flushed to disk. The chain commits to every earlier
/// entry, so the last line shows later that nothing up to it was removed or rewritten — the one
/// tampering the chain cannot show by itself (rows deleted from its end). A new head is written only
/// when the log still holds the last one unchanged: after tampering the file keeps the head that
/// proves it, and <c>ictgov audit verify</c> checks against it by default.
/// </summary>
internal sealed class HeadWitness(IServiceScopeFactory scopes, IOptions<HeadWitnessOptions> options, StorageOptions storage, TimeProvider clock, ILogger<HeadWitness> log)
    : IAuditHeadWitness, IDisposable
{
    private const string Domain = "ictgov-audit-head/v1";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ECDsa? _key;

    public string File => options.Value.File ?? Path.Combine(storage.DataDirectory, "audit", "heads.log");

    private string KeyFile => options.Value.KeyFile ?? Path.Combine(storage.DataDirectory, "audit", "witness.key");

    /// <summary>The last head written down, its signature checked; null when none was. A line that fails its check is an error, not a head.</summary>
    public async Task<AuditHead?> LastAsync(CancellationToken ct = default)
    {
        if (!System.IO.File.Exists(File))
        {
            return null;
        }
        var last = (await System.IO.File.ReadAllLinesAsync(File, ct)).LastOrDefault(l => l.Length > 0);
        return last is null ? null : Parse(last, Key());
    }

    /// <summary>Writes the current head down if it is new and extends the last one; returns what the file now ends with.</summary>
    public async Task<AuditHead?> WitnessAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            var top = await db.Entries.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
            var previous = await LastAsync(ct);
            if (top is null || (previous is not null && top.Seq <= previous.Seq))
            {
                return previous;
            }
            if (previous is not null && previous.Seq > 0
                && await db.Entries.AsNoTracking().Where(e => e.Seq == previous.Seq).Select(e => e.Hash).FirstOrDefaultAsync(ct) != previous.Hash)
            {
                // The log no longer holds the head written down: keep the file as the evidence, and say so.
                log.LogError("Audit log does not hold the witnessed head {Head}: not witnessing a new head; run ictgov audit verify", previous);
                return previous;
            }
            var head = new AuditHead(top.Seq, top.Hash);
            var time = clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var signature = Convert.ToBase64String(Key().SignData(Message(head, time), HashAlgorithmName.SHA256));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File))!);
            await using (var stream = new FileStream(File, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head.Seq} {head.Hash} {time} {signature}\n"), ct);
                stream.Flush(flushToDisk: true);
            }
            return head;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _key?.Dispose();
    }

    private static byte[] Message(AuditHead head, string time) => Encoding.ASCII.GetBytes($"{Domain}\n{head.Seq}\n{head.Hash}\n{time}\n");

    private AuditHead Parse(string line, ECDsa key)
    {
        var f = line.Split(' ');
        if (f.Length != 4 || !AuditHead.TryParse(f[0] + ":" + f[1], out var head))
        {
            throw new InvalidDataException($"{File}: the last line is not 'SEQ HASH TIME SIGNATURE': {line}");
        }
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(f[3]);
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{File}: the last line's signature is not base64");
        }
        if (!key.VerifyData(Message(head, f[2]), signature, HashAlgorithmName.SHA256))
        {
            throw new InvalidDataException($"{File}: the last head {head} is not signed by the witness key {KeyFile}: the file was edited");
        }
        return head;
    }

    private ECDsa Key()
    {
        if (_key is not null)
        {
            return _key;
        }
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (System.IO.File.Exists(KeyFile))
        {
            key.ImportFromPem(System.IO.File.ReadAllText(KeyFile));
        }
        else
        {
            SecretFiles.CreateNew(KeyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        }
        return _key = key;
    }
}

/// <summary>While the server runs: the head written down every <see cref="HeadWitnessOptions.Interval"/>, and once more when it stops.</summary>
internal sealed class HeadWitnessService(HeadWitness witness, IOptions<HeadWitnessOptions> options, TimeProvider clock, ILogger<HeadWitnessService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WitnessAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: StopAsync writes the last head
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WitnessAsync(cancellationToken);
    }

    private async Task WitnessAsync(CancellationToken ct)
    {
        try
        {
            await witness.WitnessAsync(ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            log.LogError(e, "Could not write the audit head down");
        }
    }
}
