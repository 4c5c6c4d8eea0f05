using System.Globalization;
using System.Text;
using IctGov.Kernel.Results;

namespace IctGov.AppLog.Domain.Statements;

/// <summary>What a party says about an app artifact; the five links of the supply chain.</summary>
internal enum StatementType
{
    DeveloperSignature,
    TestResult,
    StoreListing,
    Takedown,
    Revocation,
    /// <summary>The platform's APP signing service (APP签名服务) vouching for a developer signature after its checks.</summary>
    Countersignature,
}

/// <summary>
/// A statement about one app artifact (APK/IPA/HAP), in the canonical text its maker signs: a header
/// line, then one <c>key value</c> line per field in a fixed order, each ending in a newline. One
/// statement has exactly one encoding, so the same statement always hashes to the same leaf.
/// </summary>
internal sealed record Statement(
    StatementType Type,
    string Package,
    string Version,
    string Sha256,
    string SignerCertSha256,
    string Developer,
    DateTimeOffset Issued,
    string? Note)
{
    public const string Header = "ictgov-applog-statement/v1";
    public const int MaxBytes = 8192;

    private static readonly string[] Keys = ["type", "package", "version", "sha256", "signer-cert-sha256", "developer", "issued"];

    public static string TypeName(StatementType t) => t switch
    {
        StatementType.DeveloperSignature => "developer-signature",
        StatementType.TestResult => "test-result",
        StatementType.StoreListing => "store-listing",
        StatementType.Takedown => "takedown",
        StatementType.Revocation => "revocation",
        _ => "countersignature",
    };

    public string Text()
    {
        var sb = new StringBuilder(Header).Append('\n');
        sb.Append("type ").Append(TypeName(Type)).Append('\n');
        sb.Append("package ").Append(Package).Append('\n');
        sb.Append("version ").Append(Version).Append('\n');
        sb.Append("sha256 ").Append(Sha256).Append('\n');
        sb.Append("signer-cert-sha256 ").Append(SignerCertSha256).Append('\n');
        sb.Append("developer ").Append(Developer).Append('\n');
        sb.Append("issued ").Append(Issued.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        if (Note is not null)
        {
            sb.Append("note ").Append(Note).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Parses a statement's canonical text; every problem found is a <see cref="RowError"/> naming its field.</summary>
    public static Statement? Parse(string text, long row, List<RowError> errors)
    {
        var before = errors.Count;
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            errors.Add(new RowError(row, "statement", $"a statement has at most {MaxBytes} bytes"));
            return null;
        }
        if (!text.EndsWith('\n'))
        {
            errors.Add(new RowError(row, "statement", "a statement ends with a newline"));
            return null;
        }
        var lines = text[..^1].Split('\n');
        if (lines[0] != Header)
        {
            errors.Add(new RowError(row, "statement", $"line 1: expected '{Header}'") { Value = Trim(lines[0]) });
            return null;
        }
        var values = new Dictionary<string, string>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var key = space < 0 ? line : line[..space];
            var expected = i - 1 < Keys.Length ? Keys[i - 1] : i - 1 == Keys.Length ? "note" : null;
            if (expected is null || key != expected || space < 0)
            {
                errors.Add(new RowError(row, "statement", expected is null
                    ? $"line {i + 1}: nothing may follow the note"
                    : $"line {i + 1}: expected '{expected} <value>' (fields in the order {string.Join(", ", Keys)}[, note])") { Value = Trim(line) });
                return null;
            }
            var value = line[(space + 1)..];
            if (value.Length == 0 || value.Any(char.IsControl))
            {
                errors.Add(new RowError(row, key, "expected a value without control characters"));
                continue;
            }
            values[key] = value;
        }
        foreach (var key in Keys.Where(k => !values.ContainsKey(k) && errors.Count == before))
        {
            errors.Add(new RowError(row, key, "missing"));
        }
        if (errors.Count > before)
        {
            return null;
        }
        var type = values["type"] switch
        {
            "developer-signature" => StatementType.DeveloperSignature,
            "test-result" => StatementType.TestResult,
            "store-listing" => StatementType.StoreListing,
            "takedown" => StatementType.Takedown,
            "revocation" => StatementType.Revocation,
            "countersignature" => StatementType.Countersignature,
            _ => (StatementType?)null,
        };
        if (type is null)
        {
            errors.Add(new RowError(row, "type", "expected developer-signature, test-result, store-listing, takedown, revocation or countersignature") { Value = Trim(values["type"]) });
        }
        var package = values["package"];
        if (package.Length > 255 || !package.Split('.').All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            errors.Add(new RowError(row, "package", "expected a package name such as com.example.app (ASCII letters, digits, _ and dots, at most 255)") { Value = Trim(package) });
        }
        var version = values["version"];
        if (version.Length > 64 || version.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add(new RowError(row, "version", "expected a version of at most 64 characters without spaces") { Value = Trim(version) });
        }
        foreach (var key in new[] { "sha256", "signer-cert-sha256" })
        {
            if (!IsLowerHex(values[key], 64))
            {
                errors.Add(new RowError(row, key, "expected 64 lower-case hexadecimal digits (a SHA-256)") { Value = Trim(values[key]) });
            }
        }
        var developer = values["developer"];
        if (developer.Length is < 2 or > 64 || developer.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add(new RowError(row, "developer", "expected the developer's registered identifier (unified social credit code or ID), 2–64 characters") { Value = Trim(developer) });
        }
        if (!DateTimeOffset.TryParseExact(values["issued"], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var issued))
        {
            errors.Add(new RowError(row, "issued", "expected a UTC time yyyy-MM-ddTHH:mm:ssZ") { Value = Trim(values["issued"]) });
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new Statement(type!.Value, package, version, values["sha256"], values["signer-cert-sha256"], developer, issued, values.GetValueOrDefault("note"));
    }

    private static bool IsLowerHex(string s, int length) => s.Length == length && s.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string Trim(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
