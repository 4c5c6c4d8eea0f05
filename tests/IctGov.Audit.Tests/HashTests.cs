using IctGov.Audit.Contracts;
using IctGov.Audit.Data;
using IctGov.Audit.Tests.Infrastructure;

namespace IctGov.Audit.Tests;

public class HashTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 6, 1, 8, 30, 0, TimeSpan.Zero).AddTicks(1_234_560);

    /// <summary>
    /// Known answers computed with the Python in docs/AUDIT.md. If this fails, every stored entry
    /// would fail verification: the encoding must not change.
    /// </summary>
    [Fact]
    public void Hash_MatchesTheDocumentedKnownAnswers()
    {
        var first = AuditHash.Compute(1, At, "user:ministry-1", "submission.approve", "submission", "S-2026-0001", "440000",
            null, """{"status":"approved","note":"同意"}""", AuditHash.Genesis);
        Assert.Equal("99e9e64c7de8d5d8df38bebbc5f2c0ce156c9e3ffab1701de981c7c824ad2434", first);
        var second = AuditHash.Compute(2, new DateTimeOffset(2026, 6, 1, 16, 31, 0, TimeSpan.FromHours(8)), "system:cli", "plan.revise", "plan_version", "2021-mid",
            null, """{"a":1}""", "", first);
        Assert.Equal("6de4f5caea20005044b6dfa6cc1f14facad2c54bbe17681dd32c5439a203b04c", second);
    }

    [Fact]
    public void Hash_EncodesTimeAsUtcRoundTrip()
    {
        Assert.Equal("2026-06-01T08:30:00.1234560Z", AuditHash.FormatTime(At));
        Assert.Equal("2026-06-01T08:30:00.1234560Z", AuditHash.FormatTime(At.ToOffset(TimeSpan.FromHours(8))));
        Assert.Equal(At, AuditHash.ToStoredPrecision(At.AddTicks(7)));
    }

    [Fact]
    public void Hash_FieldBoundariesCannotBeShifted_AndNullIsNotEmpty()
    {
        string H(string actor, string action, string? before) => AuditHash.Compute(1, At, actor, action, "t", "1", null, before, null, AuditHash.Genesis);
        Assert.NotEqual(H("ab", "c", null), H("a", "bc", null));
        Assert.NotEqual(H("a", "b", null), H("a", "b", ""));
        Assert.Equal(IndependentHash.Of("1", "2026-06-01T08:30:00.1234560Z", "ab", "c", "t", "1", null, null, null, AuditHash.Genesis), H("ab", "c", null));
    }

    [Theory]
    [InlineData("0:0000000000000000000000000000000000000000000000000000000000000000", 0L)]
    [InlineData("42:99E9E64C7DE8D5D8DF38BEBBC5F2C0CE156C9E3FFAB1701DE981C7C824AD2434", 42L)]
    public void Head_ParsesSeqColonHash(string text, long seq)
    {
        Assert.True(AuditHead.TryParse(text, out var head));
        Assert.Equal(seq, head.Seq);
        Assert.Equal(text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].ToLowerInvariant(), head.Hash);
        Assert.Equal(head, AuditHead.TryParse(head.ToString(), out var again) ? again : null);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("42")]
    [InlineData(":99e9e64c7de8d5d8df38bebbc5f2c0ce156c9e3ffab1701de981c7c824ad2434")]
    [InlineData("-1:99e9e64c7de8d5d8df38bebbc5f2c0ce156c9e3ffab1701de981c7c824ad2434")]
    [InlineData("42:99e9e64c7de8d5d8df38bebbc5f2c0ce156c9e3ffab1701de981c7c824ad243")]
    [InlineData("42:99e9e64c7de8d5d8df38bebbc5f2c0ce156c9e3ffab1701de981c7c824ad243g")]
    [InlineData(" 42:99e9e64c7de8d5d8df38bebbc5f2c0ce156c9e3ffab1701de981c7c824ad2434")]
    public void Head_RejectsAnythingElse(string? text) => Assert.False(AuditHead.TryParse(text, out _));

    /// <summary>Scripts read these names from <c>ictgov audit verify</c>; renaming one breaks them.</summary>
    [Fact]
    public void ProblemKinds_KeepTheirWireNames() =>
        Assert.Equal(["edited", "chain_broken", "removed", "head_mismatch"], Enum.GetValues<AuditProblemKind>().Select(k => k.WireName()));
}
