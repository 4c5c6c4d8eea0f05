using System.ComponentModel.DataAnnotations;

namespace IctGov.Numbering.Sti;

/// <summary>Trusted caller identity (STIR/SHAKEN) settings, from <c>Numbering:Sti</c>.</summary>
internal sealed class StiOptions : IValidatableObject
{
    /// <summary>
    /// The public address of the platform's certificate repository, ending in <c>/</c>: every PASSporT's
    /// <c>x5u</c> is this followed by <c>{serial}.pem</c>, and the verifier accepts no other <c>x5u</c>.
    /// </summary>
    [Required]
    public string RepositoryUrl { get; set; } = "https://localhost/api/v1/numbering/sti/repository/";

    /// <summary>Folder of the authority's keys, relative to the data directory (created on first use, owner-only).</summary>
    [Required]
    public string KeyFolder { get; set; } = "numbering/sti";

    /// <summary>Days an operator's STI certificate is valid.</summary>
    [Range(1, 825)]
    public int CertificateDays { get; set; } = 365;

    /// <summary>Seconds a PASSporT's <c>iat</c> may lie from the verifier's clock (RFC 8224 §6.2.1 recommends 60).</summary>
    [Range(1, 600)]
    public int FreshnessSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(RepositoryUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !RepositoryUrl.EndsWith('/'))
        {
            yield return new ValidationResult("Numbering:Sti:RepositoryUrl must be an absolute http(s) URL ending in /", [nameof(RepositoryUrl)]);
        }
    }
}
