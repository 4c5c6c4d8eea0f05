using System.Buffers.Binary;
using IctGov.AppLog.Contracts;
using IctGov.AppLog.Data;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Notes;
using IctGov.AppLog.Domain.Tiles;
using IctGov.Kernel.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.AppLog.Features;

/// <summary>
/// The stored tree as node hashes for proofs: tiles read from the database and kept expanded in memory
/// (<see cref="TiledTree"/>), so a proof in a warm log is a handful of lookups.
/// </summary>
internal sealed class TileStore(IServiceScopeFactory scopes)
{
    private TiledTree? _tree;

    public TiledTree Tree => _tree ??= new TiledTree(ReadTile);

    private byte[]? ReadTile(int level, long index)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppLogDbContext>();
        return db.Tiles.AsNoTracking().Where(t => t.Level == level && t.Idx == index).Select(t => t.Data).FirstOrDefault();
    }
}

/// <summary>Checkpoints, proofs, tiles and entry bundles, as the API, the tiles endpoints and the pages read them.</summary>
internal sealed class LogReader(AppLogDbContext db, TileStore tiles, LogKeys keys) : IAppLogReader
{
    public string VerifierKey => keys.Signer.VerifierKey();

    public async Task<LogCheckpointInfo?> CheckpointAsync(CancellationToken ct = default)
    {
        var c = await db.Checkpoints.AsNoTracking().OrderByDescending(x => x.Size).FirstOrDefaultAsync(ct);
        return c is null ? null : new LogCheckpointInfo(keys.Origin, c.Size, Convert.ToBase64String(c.Root), c.Note);
    }

    public async Task<long> SizeAsync(CancellationToken ct) =>
        await db.Checkpoints.MaxAsync(c => (long?)c.Size, ct) ?? 0;

    public async Task<Outcome<InclusionProofInfo>> InclusionAsync(long index, long? treeSize, CancellationToken ct = default)
    {
        var size = await SizeAsync(ct);
        var n = treeSize ?? size;
        if (n < 1 || n > size)
        {
            return Outcome.Refused<InclusionProofInfo>(OutcomeStatus.NotFound, $"the log has no checkpoint of size {n}: its size is {size}",
                [new RowError(0, "treeSize", $"expected 1–{size}") { Value = n.ToString(System.Globalization.CultureInfo.InvariantCulture) }]);
        }
        if (index < 0 || index >= n)
        {
            return Outcome.Refused<InclusionProofInfo>(OutcomeStatus.NotFound, $"entry {index} is not in the tree of size {n}",
                [new RowError(0, "index", $"expected 0–{n - 1}") { Value = index.ToString(System.Globalization.CultureInfo.InvariantCulture) }]);
        }
        var leaf = await db.Entries.AsNoTracking().Where(e => e.Idx == index).Select(e => e.LeafHash).FirstAsync(ct);
        var proof = MerkleProofs.Inclusion(tiles.Tree, index, n);
        return Outcome.Ok(new InclusionProofInfo(index, n, Convert.ToBase64String(leaf), proof.Select(Convert.ToBase64String).ToList()));
    }

    public async Task<Outcome<InclusionProofInfo>> InclusionByHashAsync(string leafHash, long? treeSize, CancellationToken ct = default)
    {
        var hash = DecodeHash(leafHash);
        if (hash is null)
        {
            return Outcome.Invalid<InclusionProofInfo>([new RowError(0, "hash", $"expected a {TreeHash.Size}-byte leaf hash in base64 or hexadecimal") { Value = leafHash }]);
        }
        var index = await db.Entries.AsNoTracking().Where(e => e.LeafHash == hash).OrderBy(e => e.Idx).Select(e => (long?)e.Idx).FirstOrDefaultAsync(ct);
        if (index is null)
        {
            return Outcome.Refused<InclusionProofInfo>(OutcomeStatus.NotFound, "no entry of the log has this leaf hash");
        }
        return await InclusionAsync(index.Value, treeSize, ct);
    }

    public async Task<Outcome<ConsistencyProofInfo>> ConsistencyAsync(long size1, long? size2, CancellationToken ct = default)
    {
        var size = await SizeAsync(ct);
        var n = size2 ?? size;
        if (n > size || n < 0)
        {
            return Outcome.Refused<ConsistencyProofInfo>(OutcomeStatus.NotFound, $"the log has no checkpoint of size {n}: its size is {size}",
                [new RowError(0, "to", $"expected 0–{size}")]);
        }
        if (size1 < 0 || size1 > n)
        {
            return Outcome.Invalid<ConsistencyProofInfo>([new RowError(0, "from", $"expected 0–{n}, not above the newer size")]);
        }
        var proof = MerkleProofs.Consistency(tiles.Tree, size1, n);
        return Outcome.Ok(new ConsistencyProofInfo(size1, n, proof.Select(Convert.ToBase64String).ToList()));
    }

    /// <summary>
    /// A tile's bytes as the spec serves them, or null when the log has no such resource: a partial
    /// tile is the prefix of the stored one, which only ever grows.
    /// </summary>
    public async Task<byte[]?> TileAsync(TilePath path, CancellationToken ct)
    {
        if (path.IsEntries)
        {
            return await BundleAsync(path, ct);
        }
        var data = await db.Tiles.AsNoTracking().Where(t => t.Level == path.Level && t.Idx == path.Index).Select(t => t.Data).FirstOrDefaultAsync(ct);
        var bytes = path.Width * TreeHash.Size;
        return data is null || data.Length < bytes ? null : data[..bytes];
    }

    private async Task<byte[]?> BundleAsync(TilePath path, CancellationToken ct)
    {
        var first = path.Index * TilePath.FullWidth;
        var entries = await db.Entries.AsNoTracking().Where(e => e.Idx >= first && e.Idx < first + path.Width)
            .OrderBy(e => e.Idx).Select(e => e.Data).ToListAsync(ct);
        if (entries.Count != path.Width)
        {
            return null;
        }
        var bundle = new byte[entries.Sum(e => 2 + e.Length)];
        var at = 0;
        foreach (var e in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)e.Length);
            e.CopyTo(bundle, at + 2);
            at += 2 + e.Length;
        }
        return bundle;
    }

    internal static byte[]? DecodeHash(string text)
    {
        text = text.Trim();
        var bytes = text.Length == 2 * TreeHash.Size && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text) : Base64.Decode(text);
        return bytes?.Length == TreeHash.Size ? bytes : null;
    }
}
