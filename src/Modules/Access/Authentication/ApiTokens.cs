using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IctGov.Access.Data;
using IctGov.Access.Features;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Access.Authentication;

/// <summary>
/// API tokens look like <c>ictg_&lt;id&gt;_&lt;secret&gt;</c>: a recognisable prefix (secret scanners
/// and log filters can match it), a 16-hex-digit id that finds the row, and 256 random bits.
/// Only the SHA-256 of the whole token is stored; with that much entropy a salt or a slow hash
/// adds nothing, and a lookup costs one hash.
/// </summary>
internal static class ApiTokenFormat
{
    public const string Prefix = "ictg_";
    private const int IdLength = 16;
    private const int SecretLength = 43; // 32 bytes in unpadded base64url

    public static (string Id, string Token) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, Prefix + id + "_" + secret);
    }

    public static bool TryParseId(string? token, out string id)
    {
        id = "";
        if (token is null || token.Length != Prefix.Length + IdLength + 1 + SecretLength
            || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }
        var candidate = token.AsSpan(Prefix.Length, IdLength);
        foreach (var c in candidate)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        id = candidate.ToString();
        return true;
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

/// <summary>Why a presented token was refused, or the actor it stands for.</summary>
internal sealed record TokenCheck(Actor? Actor, string? Failure);

/// <summary>Checks a presented token against the stored hashes, expiry and revocation.</summary>
internal sealed class ApiTokenVerifier(AccessDbContext db, UnitDirectory units, TimeProvider clock)
{
    public async Task<TokenCheck> VerifyAsync(string presented, CancellationToken ct)
    {
        if (!ApiTokenFormat.TryParseId(presented, out var id))
        {
            return new TokenCheck(null, "malformed token");
        }
        var row = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        // The same answer for an unknown id and a wrong secret: the id alone must not be confirmable.
        if (row is null || !CryptographicOperations.FixedTimeEquals(row.Hash, ApiTokenFormat.Hash(presented)))
        {
            return new TokenCheck(null, "unknown token");
        }
        if (row.RevokedAt is not null)
        {
            return new TokenCheck(null, "token revoked");
        }
        if (row.ExpiresAt <= clock.GetUtcNow())
        {
            return new TokenCheck(null, "token expired");
        }
        if (await units.FindAsync(row.UnitId, ct) is not { } unit)
        {
            return new TokenCheck(null, "the token's unit no longer exists");
        }
        return new TokenCheck(new Actor("token:" + row.Id, row.Name, Role.Reporter, null, unit.Id, await units.RegionsOfAsync(unit, ct)), null);
    }
}
