using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.AppLog.Tests.Log;

/// <summary>The log served as C2SP tlog-tiles at the spec's paths, and the proof API, inside the platform.</summary>
public class TilesEndpointTests
{
    [Fact]
    public async Task Tiles_AreServedAtTheSpecPaths_AndRebuildTheSignedRoot()
    {
        await using var server = await PlatformServer.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/applog/checkpoint")).StatusCode);
        var entries = Enumerable.Range(0, 600).Select(n => LogHarness.Entry(n)).ToList();
        await server.Services.GetRequiredService<Sequencer>().AppendAsync(entries, "user:test");

        var checkpointResponse = await server.Http.GetAsync("/applog/checkpoint");
        Assert.Equal("text/plain; charset=utf-8", checkpointResponse.Content.Headers.ContentType!.ToString());
        Assert.Contains("no-cache", checkpointResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var vkey = (await server.Http.GetStringAsync("/applog/vkey")).Trim();
        var checkpoint = LogHarness.VerifiedCheckpoint(await checkpointResponse.Content.ReadAsStringAsync(), vkey);
        Assert.Equal(600, checkpoint.Size);

        // 600 = 2 full level-0 tiles + a partial of 88; level 1 holds their 2 roots.
        var t0 = await Bytes(server, "/applog/tile/0/000");
        var t2 = await Bytes(server, "/applog/tile/0/002.p/88");
        var t1 = await Bytes(server, "/applog/tile/1/000.p/2");
        Assert.Equal((8192, 88 * 32, 64), (t0.Length, t2.Length, t1.Length));
        for (var i = 0; i < 256; i++)
        {
            Assert.Equal(TreeHash.Leaf(entries[i]), t0.AsSpan(i * 32, 32).ToArray());
        }
        // A client rebuilds the root from the tiles alone: the two full subtrees and the partial tile's leaves.
        var fromTiles = MemoryTree.FromLeafHashes(Enumerable.Range(0, 88).Select(i => t2.AsSpan(i * 32, 32).ToArray()));
        var rightPart = MerkleProofs.Root(fromTiles, 88);
        Assert.Equal(checkpoint.Root, TreeHash.Node(TreeHash.Node(t1.AsSpan(0, 32), t1.AsSpan(32)), rightPart));

        Assert.Equal(entries[512..], DecodeBundle(await Bytes(server, "/applog/tile/entries/002.p/88")));
        Assert.Equal(entries[256..512], DecodeBundle(await Bytes(server, "/applog/tile/entries/001")));

        // A narrower partial tile (an older checkpoint's) is the prefix; what the log does not have is 404.
        Assert.Equal(t2[..(10 * 32)], await Bytes(server, "/applog/tile/0/002.p/10"));
        foreach (var missing in new[] { "/applog/tile/0/002", "/applog/tile/0/002.p/89", "/applog/tile/0/003.p/1", "/applog/tile/2/000.p/1", "/applog/tile/entries/002", "/applog/tile/0/2", "/applog/tile/0/002.p/0" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync(missing)).StatusCode);
        }
    }

    [Fact]
    public async Task ProofApi_GivesProofsThatVerifyAgainstTheServedCheckpoint()
    {
        await using var server = await PlatformServer.StartAsync();
        var entries = Enumerable.Range(0, 300).Select(n => LogHarness.Entry(n)).ToList();
        var sequencer = server.Services.GetRequiredService<Sequencer>();
        var older = await sequencer.AppendAsync(entries[..123], "user:test");
        await sequencer.AppendAsync(entries[123..], "user:test");
        var checkpoint = LogHarness.VerifiedCheckpoint(await server.Http.GetStringAsync("/applog/checkpoint"), (await server.Http.GetStringAsync("/applog/vkey")).Trim());

        var byIndex = (await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/applog/proof/inclusion?index=200"))!;
        Assert.True(MerkleVerifier.VerifyInclusion(200, 300, TreeHash.Leaf(entries[200]), Hashes(byIndex), checkpoint.Root, out var why), why);
        var hex = Convert.ToHexString(TreeHash.Leaf(entries[7]));
        var byHash = (await server.Http.GetFromJsonAsync<JsonObject>($"/api/v1/applog/proof/inclusion?hash={hex}"))!;
        Assert.Equal(7, (long)byHash["index"]!);
        Assert.True(MerkleVerifier.VerifyInclusion(7, 300, TreeHash.Leaf(entries[7]), Hashes(byHash), checkpoint.Root, out why), why);

        var consistency = (await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/applog/proof/consistency?from=123"))!;
        Assert.True(MerkleVerifier.VerifyConsistency(123, 300, Hashes(consistency), older.Root, checkpoint.Root, out why), why);

        var both = await server.Http.GetAsync($"/api/v1/applog/proof/inclusion?index=1&hash={hex}");
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("application/problem+json", both.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/applog/proof/inclusion?index=300")).StatusCode);
    }

    private static async Task<byte[]> Bytes(PlatformServer server, string path)
    {
        var response = await server.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.Public && response.Headers.CacheControl.MaxAge >= TimeSpan.FromDays(365), path);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Entries prefixed with their big-endian 16-bit length, as the spec writes a bundle.</summary>
    private static List<byte[]> DecodeBundle(byte[] bundle)
    {
        var decoded = new List<byte[]>();
        for (var at = 0; at < bundle.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
            decoded.Add(bundle.AsSpan(at + 2, length).ToArray());
            at += 2 + length;
        }
        return decoded;
    }

    private static List<byte[]> Hashes(JsonObject proof) => proof["proof"]!.AsArray().Select(h => Convert.FromBase64String((string)h!)).ToList();
}
