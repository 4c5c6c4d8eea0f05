using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Notes;
using IctGov.AppLog.Features;
using IctGov.Audit;
using IctGov.Kernel;

namespace IctGov.AppLog.Tests.Log;

/// <summary>The log with the audit module on a fresh database of either engine.</summary>
internal static class LogHarness
{
    public static Task<ModuleHarness> StartAsync(DatabaseProvider provider) =>
        ModuleHarness.StartAsync(provider, [new AuditModule(), new AppLogModule()]);

    public static byte[] Entry(long n) => System.Text.Encoding.UTF8.GetBytes($"entry {n} " + new string('x', (int)(n % 40)));

    /// <summary>Parses and verifies a served checkpoint with the served verifier key, as a client would.</summary>
    public static Checkpoint VerifiedCheckpoint(string note, string verifierKey)
    {
        var verifier = NoteVerifier.Parse(verifierKey, out var keyError) ?? throw new InvalidOperationException(keyError);
        var signed = SignedNote.Parse(System.Text.Encoding.UTF8.GetBytes(note), out var noteError) ?? throw new InvalidOperationException(noteError);
        var text = verifier.Verify(signed, out var why) ?? throw new InvalidOperationException(why);
        return Checkpoint.Parse(text, out var error) ?? throw new InvalidOperationException(error);
    }

    public static readonly Kernel.Security.Actor Ministry = new("user:m", "部管理员", Kernel.Security.Role.MinistryAdmin, null, "ministry", ["100000"]);

    /// <summary>Registers signing parties as the ministry; fails the test if the register refuses them.</summary>
    public static async Task RegisterAsync(this ModuleHarness h, params Contracts.PartyInput[] parties)
    {
        var outcome = await h.WithAsync<Contracts.IAppLogParties, Kernel.Results.Outcome<IReadOnlyList<Contracts.PartyInfo>>>(p => p.RegisterAsync(Ministry, parties));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
    }

    public static MemoryTree TreeOf(IEnumerable<byte[]> entries) => MemoryTree.FromLeafHashes(entries.Select(e => TreeHash.Leaf(e)));

    public static Sequencer Sequencer(this ModuleHarness h) => h.Get<Sequencer>();
}
