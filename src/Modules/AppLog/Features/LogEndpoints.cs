using IctGov.AppLog.Contracts;
using IctGov.AppLog.Domain.Tiles;
using IctGov.Kernel.Results;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.AppLog.Features;

/// <summary>
/// The log as C2SP tlog-tiles under <c>/applog/</c> (checkpoint, tiles, entry bundles, and the note
/// verifier key), and the proof API under <c>/api/v1/applog/</c>. All public: a transparency log is
/// there to be read by anyone.
/// </summary>
internal static class LogEndpoints
{
    public const string Prefix = "/applog";

    public static void MapTiles(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup(Prefix).ExcludeFromDescription();
        g.MapGet("/checkpoint", Checkpoint);
        g.MapGet("/vkey", (LogReader log) => TypedResults.Text(log.VerifierKey + "\n", "text/plain; charset=utf-8"));
        g.MapGet("/tile/{**path}", Tile);
    }

    public static RouteGroupBuilder MapProofApi(this RouteGroupBuilder api)
    {
        api.MapGet("/proof/inclusion", Inclusion).WithName("AppLogInclusionProof")
            .WithSummary("Inclusion proof of an entry (by index or leaf hash) in a tree size (default: the latest checkpoint)");
        api.MapGet("/proof/consistency", Consistency).WithName("AppLogConsistencyProof")
            .WithSummary("Consistency proof between two tree sizes (to: default the latest checkpoint)");
        api.MapGet("/checkpoint", async (LogReader log, CancellationToken ct) =>
                await log.CheckpointAsync(ct) is { } c ? Results.Ok(c) : OutcomeResults.Problem(OutcomeStatus.NotFound, "the log is empty: no checkpoint yet"))
            .WithName("AppLogCheckpoint").WithSummary("The latest checkpoint, parsed, with its signed note");
        return api;
    }

    private static async Task<IResult> Checkpoint(LogReader log, HttpContext http, CancellationToken ct)
    {
        // Mutable: caches may keep it a few seconds at most (tlog-tiles).
        http.Response.Headers.CacheControl = "no-cache, max-age=2";
        var c = await log.CheckpointAsync(ct);
        return c is null
            ? OutcomeResults.Problem(OutcomeStatus.NotFound, "the log is empty: no checkpoint yet")
            : TypedResults.Text(c.Note, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> Tile(string path, LogReader log, HttpContext http, CancellationToken ct)
    {
        var parsed = TilePath.Parse("tile/" + path, out var error);
        if (parsed is null)
        {
            return OutcomeResults.Problem(OutcomeStatus.NotFound, $"tile/{path}: {error}");
        }
        var bytes = await log.TileAsync(parsed.Value, ct);
        if (bytes is null)
        {
            return OutcomeResults.Problem(OutcomeStatus.NotFound, $"{parsed.Value}: the log has no such tile yet");
        }
        // Immutable once served: a partial tile's hashes never change, and a full tile never grows.
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Bytes(bytes, "application/octet-stream");
    }

    private static async Task<Results<Ok<InclusionProofInfo>, ProblemHttpResult>> Inclusion(long? index, string? hash, long? treeSize, LogReader log, CancellationToken ct)
    {
        if (index is null == hash is null)
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, "give either index or hash",
                [new RowError(0, "index", "expected the entry's index or (in hash) its leaf hash, not both")]);
        }
        var outcome = index is { } i ? await log.InclusionAsync(i, treeSize, ct) : await log.InclusionByHashAsync(hash!, treeSize, ct);
        return outcome.ToHttpResult();
    }

    private static async Task<Results<Ok<ConsistencyProofInfo>, ProblemHttpResult>> Consistency(long from, long? to, LogReader log, CancellationToken ct) =>
        (await log.ConsistencyAsync(from, to, ct)).ToHttpResult();
}
