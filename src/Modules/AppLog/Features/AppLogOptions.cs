using System.ComponentModel.DataAnnotations;
using IctGov.AppLog.Domain.Notes;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.Extensions.Options;

namespace IctGov.AppLog.Features;

/// <summary>The log's settings, from the configuration section <c>AppLog</c> (validated at start-up).</summary>
internal sealed class AppLogOptions
{
    /// <summary>
    /// The checkpoint origin and the note key's name: the log's URL prefix without its scheme
    /// (C2SP tlog-tiles), e.g. <c>applog.miit.example/applog</c>.
    /// </summary>
    [Required, RegularExpression(@"^[^\s+]+$", ErrorMessage = "the origin has no spaces or '+'")]
    public string Origin { get; set; } = "ictgov.local/applog";

    /// <summary>
    /// The file holding the log's Ed25519 note key (<c>PRIVATE+KEY+…</c>, as Go's note package writes it);
    /// default <c>&lt;data&gt;/applog/log-ed25519.key</c>, created on first use.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// The APP signing service's ECDSA P-256 key and self-signed certificate (PEM), used to countersign;
    /// default <c>&lt;data&gt;/applog/signing-p256.pem</c>, created on first use.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Most entries sequenced in one transaction (one checkpoint each).</summary>
    [Range(1, 65536)]
    public int MaxBatch { get; set; } = 4096;
}

/// <summary>
/// The log's signing key: read from <see cref="AppLogOptions.KeyFile"/>, or generated there on first use
/// (owner-only permissions). Losing it means a new log identity, so operators back it up.
/// </summary>
internal sealed class LogKeys(IOptions<AppLogOptions> options, StorageOptions storage)
{
    private readonly Lazy<NoteSigner> _signer = new(() => Load(options.Value, storage));

    public NoteSigner Signer => _signer.Value;

    public string Origin => options.Value.Origin;

    private static NoteSigner Load(AppLogOptions o, StorageOptions storage)
    {
        var file = o.KeyFile ?? Path.Combine(storage.DataDirectory, "applog", "log-ed25519.key");
        if (File.Exists(file))
        {
            var text = File.ReadAllText(file);
            var signer = NoteSigner.Parse(text, out var error) ?? throw new InvalidOperationException($"{file}: {error}");
            if (signer.Name != o.Origin)
            {
                throw new InvalidOperationException($"{file}: the key is named '{signer.Name}', but the log's origin is '{o.Origin}'");
            }
            return signer;
        }
        var created = NoteSigner.Generate(o.Origin);
        SecretFiles.CreateNew(file, created.SignerKey() + "\n");
        return created;
    }
}
