using System.Text;
using IctGov.AppLog.Contracts;
using IctGov.AppLog.Data;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Notes;
using IctGov.AppLog.Domain.Statements;
using Microsoft.EntityFrameworkCore;

namespace IctGov.AppLog.Features;

/// <summary>One link of an app version's supply chain, checked again as a client would check it.</summary>
/// <param name="Maker">The registered party that signed it, or the APP signing service; null when neither (never, for statements the log accepted after the register).</param>
/// <param name="Verified">True when the entry's signature verifies again and its inclusion proof verifies against the signed checkpoint.</param>
/// <param name="Failure">Why not, when not.</param>
internal sealed record HistoryStep(StatementInfo Statement, string? Maker, string? MakerKind, int ProofLength, bool Verified, string? Failure);

/// <summary>The traceable history of an app version and the checkpoint it was checked against.</summary>
internal sealed record HistoryView(string Package, string? Version, IReadOnlyList<string> Versions, Checkpoint? Checkpoint, bool CheckpointVerified, IReadOnlyList<HistoryStep> Steps);

/// <summary>
/// An app version's history (developer → signature → countersignature → tests → listings → takedown),
/// each statement re-verified and its inclusion proven against the log's latest checkpoint, whose note
/// signature is checked with the log's verifier key — the same checks `ictgov applog verify` makes.
/// </summary>
internal sealed class History(AppLogDbContext db, Statements statements, LogReader reader, PlatformSigner platform)
{
    /// <summary>The order of the links: who made the app, who vouched for it, who tested, listed and withdrew it.</summary>
    public static int Stage(string type) => type switch
    {
        "developer-signature" => 0,
        "countersignature" => 1,
        "test-result" => 2,
        "store-listing" => 3,
        "takedown" => 4,
        _ => 5,
    };

    public async Task<HistoryView> ForAsync(string package, string? version, CancellationToken ct)
    {
        var all = await statements.FindAsync(package, null, null, null, ct);
        var versions = all.Select(s => s.Version).Distinct().ToList();
        var chosen = all.Where(s => string.IsNullOrEmpty(version) || s.Version == version)
            .OrderBy(s => s.Version, StringComparer.Ordinal).ThenBy(s => Stage(s.Type)).ThenBy(s => s.Index).ToList();
        var note = await reader.CheckpointAsync(ct);
        Checkpoint? checkpoint = null;
        string? noteFailure = null;
        if (note is not null)
        {
            var verifier = NoteVerifier.Parse(reader.VerifierKey, out noteFailure);
            var signed = SignedNote.Parse(Encoding.UTF8.GetBytes(note.Note), out var parseFailure);
            var text = signed is null ? null : verifier?.Verify(signed, out noteFailure);
            noteFailure ??= parseFailure;
            checkpoint = text is null ? null : Checkpoint.Parse(text, out noteFailure);
        }
        var makers = await db.Parties.AsNoTracking().Where(p => chosen.Select(s => s.CertificateSha256).Contains(p.CertificateSha256))
            .ToDictionaryAsync(p => p.CertificateSha256, ct);
        var indexes = chosen.Select(s => s.Index).ToList();
        var entries = await db.Entries.AsNoTracking().Where(e => indexes.Contains(e.Idx)).ToDictionaryAsync(e => e.Idx, e => e.Data, ct);
        var steps = new List<HistoryStep>(chosen.Count);
        foreach (var s in chosen)
        {
            var (maker, kind) = makers.TryGetValue(s.CertificateSha256, out var p) ? (p.Name, p.Kind)
                : s.CertificateSha256 == platform.CertificateSha256 ? ("APP签名服务 APP Signing Service", "platform") : ((string?)null, (string?)null);
            steps.Add(await CheckAsync(s, entries[s.Index], checkpoint, noteFailure, maker, kind, ct));
        }
        return new HistoryView(package, version, versions, checkpoint, checkpoint is not null, steps);
    }

    private async Task<HistoryStep> CheckAsync(StatementInfo s, byte[] entry, Checkpoint? checkpoint, string? noteFailure, string? maker, string? kind, CancellationToken ct)
    {
        if (checkpoint is null)
        {
            return new HistoryStep(s, maker, kind, 0, false, "the checkpoint does not verify: " + noteFailure);
        }
        if (SignedStatement.ParseEntry(entry, out var entryFailure) is null)
        {
            return new HistoryStep(s, maker, kind, 0, false, entryFailure);
        }
        if (s.Index >= checkpoint.Size)
        {
            return new HistoryStep(s, maker, kind, 0, false, $"entry {s.Index} is past the checkpoint's size {checkpoint.Size}");
        }
        var proof = await reader.InclusionAsync(s.Index, checkpoint.Size, ct);
        if (proof.Value is not { } p)
        {
            return new HistoryStep(s, maker, kind, 0, false, proof.Problem);
        }
        var ok = MerkleVerifier.VerifyInclusion(s.Index, checkpoint.Size, TreeHash.Leaf(entry), p.Proof.Select(Convert.FromBase64String).ToList(), checkpoint.Root, out var why);
        return new HistoryStep(s, maker, kind, p.Proof.Count, ok, why);
    }
}
