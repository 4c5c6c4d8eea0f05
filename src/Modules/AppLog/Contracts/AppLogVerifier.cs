using System.Text;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Notes;
using IctGov.AppLog.Features;

namespace IctGov.AppLog.Contracts;

/// <summary>The outcome of an offline check: whether it holds, and what was found in words.</summary>
/// <param name="Valid">True when the check holds.</param>
/// <param name="Message">What was verified, or the first reason it failed.</param>
/// <param name="TreeSize">The size of the (newer) checkpoint checked against, when it could be read.</param>
public sealed record LogVerification(bool Valid, string Message, long? TreeSize = null);

/// <summary>
/// Checks anyone can run without the log's database or server: a checkpoint's signature against the
/// log's verifier key, an entry's inclusion in it, and its consistency with an older checkpoint. The
/// inputs are exactly what the log serves (<c>/applog/checkpoint</c>, <c>/applog/vkey</c>, the proof API).
/// </summary>
public static class AppLogVerifier
{
    /// <summary>
    /// Verifies that <paramref name="entry"/> (the entry's bytes, or null when <paramref name="leafHash"/>
    /// is given) is at <paramref name="index"/> in the tree of the signed <paramref name="checkpoint"/>.
    /// </summary>
    public static LogVerification Inclusion(string verifierKey, string checkpoint, byte[]? entry, string? leafHash, long index, IReadOnlyList<string> proof)
    {
        var c = Read(verifierKey, checkpoint, out var failure);
        if (c is null)
        {
            return new LogVerification(false, failure!);
        }
        var leaf = entry is not null ? TreeHash.Leaf(entry) : leafHash is null ? null : LogReader.DecodeHash(leafHash);
        if (leaf is null)
        {
            return new LogVerification(false, "give the entry or its 32-byte leaf hash (base64 or hexadecimal)", c.Size);
        }
        var hashes = Decode(proof, out failure);
        if (hashes is null)
        {
            return new LogVerification(false, failure!, c.Size);
        }
        return MerkleVerifier.VerifyInclusion(index, c.Size, leaf, hashes, c.Root, out failure)
            ? new LogVerification(true, $"entry {index} (leaf {Convert.ToHexStringLower(leaf)}) is in {c.Origin} at tree size {c.Size}", c.Size)
            : new LogVerification(false, $"entry {index} is NOT proven in {c.Origin} at tree size {c.Size}: {failure}", c.Size);
    }

    /// <summary>Verifies that the tree of signed <paramref name="newer"/> extends that of signed <paramref name="older"/>.</summary>
    public static LogVerification Consistency(string verifierKey, string older, string newer, IReadOnlyList<string> proof)
    {
        var o = Read(verifierKey, older, out var failure);
        if (o is null)
        {
            return new LogVerification(false, "older checkpoint: " + failure);
        }
        var n = Read(verifierKey, newer, out failure);
        if (n is null)
        {
            return new LogVerification(false, "newer checkpoint: " + failure);
        }
        if (o.Origin != n.Origin)
        {
            return new LogVerification(false, $"the checkpoints are of two logs: {o.Origin} and {n.Origin}", n.Size);
        }
        var hashes = Decode(proof, out failure);
        if (hashes is null)
        {
            return new LogVerification(false, failure!, n.Size);
        }
        return MerkleVerifier.VerifyConsistency(o.Size, n.Size, hashes, o.Root, n.Root, out failure)
            ? new LogVerification(true, $"{n.Origin}: tree size {n.Size} extends tree size {o.Size}", n.Size)
            : new LogVerification(false, $"{n.Origin}: tree size {n.Size} is NOT proven to extend tree size {o.Size}: {failure}", n.Size);
    }

    private static Checkpoint? Read(string verifierKey, string note, out string? failure)
    {
        var verifier = NoteVerifier.Parse(verifierKey, out failure);
        if (verifier is null)
        {
            failure = "verifier key: " + failure;
            return null;
        }
        var signed = SignedNote.Parse(Encoding.UTF8.GetBytes(note), out failure);
        var text = signed is null ? null : verifier.Verify(signed, out failure);
        if (text is null)
        {
            failure = "checkpoint: " + failure;
            return null;
        }
        var checkpoint = Checkpoint.Parse(text, out failure);
        if (checkpoint is not null && checkpoint.Origin != verifier.Name)
        {
            failure = $"checkpoint: its origin {checkpoint.Origin} is not the key's log {verifier.Name}";
            return null;
        }
        return checkpoint;
    }

    private static List<byte[]>? Decode(IReadOnlyList<string> proof, out string? failure)
    {
        failure = null;
        var hashes = new List<byte[]>(proof.Count);
        for (var i = 0; i < proof.Count; i++)
        {
            var h = Base64.Decode(proof[i]);
            if (h is null)
            {
                failure = $"proof hash {i} is not base64";
                return null;
            }
            hashes.Add(h);
        }
        return hashes;
    }
}
