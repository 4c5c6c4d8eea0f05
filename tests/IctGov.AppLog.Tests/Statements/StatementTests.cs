using System.Text;
using IctGov.AppLog.Contracts;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Statements;
using IctGov.AppLog.Tests.Log;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;

namespace IctGov.AppLog.Tests.Statements;

/// <summary>Signed statements: verified before they are appended, refused with the row and field, found again.</summary>
public class StatementTests
{
    private static readonly Actor Store = new("user:store", "应用商店", Role.Reporter, null, "store", []);

    [Theory, DatabaseData]
    public async Task Sm2AndP256Statements_AreVerifiedAppended_AndFoundByPackageHashAndDeveloper(DatabaseProvider provider)
    {
        await using var h = await LogHarness.StartAsync(provider);
        var developer = TestSigner.Sm2();
        var lab = TestSigner.P256();
        await h.RegisterAsync(developer.Party("developer", "91110000717828315T", "示例开发者"), lab.Party("testing-body", "91110000MA01ABCE3W", "示例检测机构"));
        var batch = new[]
        {
            developer.Submit(TestSigner.Statement(StatementType.DeveloperSignature, developer.CertificateSha256)),
            lab.Submit(TestSigner.Statement(StatementType.TestResult, developer.CertificateSha256, note: "passed 个人信息保护 checks")),
        };
        var receipts = await h.WithAsync<IAppLogStatements, Outcome<IReadOnlyList<StatementReceipt>>>(s => s.SubmitAsync(Store, batch));
        Assert.True(receipts.Succeeded, string.Join("; ", receipts.Errors));
        Assert.Equal([0L, 1L], receipts.Value!.Select(r => r.Index));

        var reader = h.Get<IAppLogReader>();
        var checkpoint = LogHarness.VerifiedCheckpoint(receipts.Value![1].Checkpoint, reader.VerifierKey);
        foreach (var r in receipts.Value!)
        {
            var proof = (await reader.InclusionAsync(r.Index, checkpoint.Size)).Value!;
            Assert.True(MerkleVerifier.VerifyInclusion(r.Index, checkpoint.Size, Convert.FromBase64String(r.LeafHash),
                proof.Proof.Select(Convert.FromBase64String).ToList(), checkpoint.Root, out var why), why);
        }

        var found = await h.WithAsync<IAppLogStatements, IReadOnlyList<StatementInfo>>(s => s.FindAsync("com.example.app", "1.2.3", null, null));
        Assert.Equal(["developer-signature", "test-result"], found.Select(f => f.Type));
        Assert.Equal([SignedStatement.Sm2Sm3, SignedStatement.EcdsaP256], found.Select(f => f.Algorithm));
        Assert.Equal([developer.CertificateSha256, lab.CertificateSha256], found.Select(f => f.CertificateSha256));
        Assert.Equal("passed 个人信息保护 checks", found[1].Note);
        Assert.Equal(2, (await h.WithAsync<IAppLogStatements, IReadOnlyList<StatementInfo>>(s => s.FindAsync(null, null, "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", null))).Count);
        Assert.Equal(2, (await h.WithAsync<IAppLogStatements, IReadOnlyList<StatementInfo>>(s => s.FindAsync(null, null, null, "91110000717828315T"))).Count);
        Assert.Empty(await h.WithAsync<IAppLogStatements, IReadOnlyList<StatementInfo>>(s => s.FindAsync("com.other", null, null, null)));

        // The same statement again is a conflict, and nothing is appended.
        var again = await h.WithAsync<IAppLogStatements, Outcome<IReadOnlyList<StatementReceipt>>>(s => s.SubmitAsync(Store, [batch[0]]));
        Assert.Equal(OutcomeStatus.Conflict, again.Status);
        Assert.Contains("index 0", again.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(2L, (await reader.CheckpointAsync())!.Size);
    }

    [Fact]
    public async Task BadStatements_RefuseTheWholeRequest_NamingEachRowAndField()
    {
        await using var h = await LogHarness.StartAsync(DatabaseProvider.Sqlite);
        var developer = TestSigner.P256();
        var stranger = TestSigner.P256();
        await h.RegisterAsync(developer.Party("developer", "91110000717828315T", "示例开发者"));
        var good = developer.Submit(TestSigner.Statement(StatementType.DeveloperSignature, developer.CertificateSha256));
        var badHash = developer.Submit(TestSigner.Statement(StatementType.StoreListing, developer.CertificateSha256, sha256: "XYZ"));
        var forged = good with { Signature = Convert.ToBase64String(stranger.Sign(Encoding.UTF8.GetBytes(good.Statement!))) };
        var garbage = good with { Certificate = Convert.ToBase64String([0x30, 0x03, 0x02, 0x01, 0x01]) };
        var wrongSigner = developer.Submit(TestSigner.Statement(StatementType.DeveloperSignature, stranger.CertificateSha256));
        var expired = developer.Submit(TestSigner.Statement(StatementType.Takedown, developer.CertificateSha256).Replace("issued 2026-06-01", "issued 2030-06-01", StringComparison.Ordinal));

        var refused = await h.WithAsync<IAppLogStatements, Outcome<IReadOnlyList<StatementReceipt>>>(s => s.SubmitAsync(Store, [good, badHash, forged, garbage, wrongSigner, expired]));
        Assert.Equal(OutcomeStatus.Invalid, refused.Status);
        Assert.Equal([(2L, "sha256"), (3L, "signature"), (4L, "certificate"), (5L, "signer-cert-sha256"), (6L, "certificate")],
            refused.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("none was appended", refused.Problem, StringComparison.Ordinal);
        Assert.Null(await h.Get<IAppLogReader>().CheckpointAsync());

        var anonymous = await h.WithAsync<IAppLogStatements, Outcome<IReadOnlyList<StatementReceipt>>>(s => s.SubmitAsync(Actor.Anonymous, [good]));
        Assert.Equal(OutcomeStatus.Unauthenticated, anonymous.Status);
        var twice = await h.WithAsync<IAppLogStatements, Outcome<IReadOnlyList<StatementReceipt>>>(s => s.SubmitAsync(Store, [good, good]));
        Assert.Equal((2L, "statement"), (twice.Errors.Single().Row, twice.Errors.Single().Field));
    }

    [Fact]
    public void Entry_ReadsBackAndVerifiesAgain_AndAChangedEntryDoesNot()
    {
        var developer = TestSigner.Sm2();
        var errors = new List<Kernel.Results.RowError>();
        var s = developer.Submit(TestSigner.Statement(StatementType.DeveloperSignature, developer.CertificateSha256));
        var signed = SignedStatement.Verify(s.Statement!, s.Certificate!, s.Signature!, 1, errors)!;
        Assert.Empty(errors);
        var entry = signed.Entry();
        Assert.Equal(signed.Statement, SignedStatement.ParseEntry(entry, out _)!.Statement);

        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entry).Replace("version 1.2.3", "version 1.2.4", StringComparison.Ordinal));
        Assert.Null(SignedStatement.ParseEntry(changed, out var why));
        Assert.Contains("does not verify", why, StringComparison.Ordinal);
        var renamed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entry).Replace("signature sm2-sm3", "signature ecdsa-p256-sha256", StringComparison.Ordinal));
        Assert.Contains("names ecdsa-p256-sha256", Assert.IsType<string>(ParseError(renamed)), StringComparison.Ordinal);

        static string? ParseError(byte[] e)
        {
            SignedStatement.ParseEntry(e, out var error);
            return error;
        }
    }

    [Theory]
    [InlineData("", "statement")]
    [InlineData("ictgov-applog-statement/v2\n", "statement")]
    [InlineData("ictgov-applog-statement/v1\ntype developer-signature\n", "package")]
    [InlineData("ictgov-applog-statement/v1\npackage com.a\n", "statement")]
    [InlineData("ictgov-applog-statement/v1\ntype x\npackage com.a\nversion 1\nsha256 " + Hex + "\nsigner-cert-sha256 " + Hex + "\ndeveloper 91110000717828315T\nissued 2026-06-01T08:00:00Z\n", "type")]
    [InlineData("ictgov-applog-statement/v1\ntype takedown\npackage com..a\nversion 1\nsha256 " + Hex + "\nsigner-cert-sha256 " + Hex + "\ndeveloper 91110000717828315T\nissued 2026-06-01T08:00:00Z\n", "package")]
    [InlineData("ictgov-applog-statement/v1\ntype takedown\npackage com.a\nversion 1\nsha256 " + Hex + "\nsigner-cert-sha256 " + Hex + "\ndeveloper 91110000717828315T\nissued 2026-06-01\n", "issued")]
    [InlineData("ictgov-applog-statement/v1\ntype takedown\npackage com.a\nversion 1\nsha256 " + Hex + "\nsigner-cert-sha256 " + Hex + "\ndeveloper 91110000717828315T\nissued 2026-06-01T08:00:00Z\nnote a\nextra b\n", "statement")]
    public void Statement_Malformed_IsRefusedWithTheField(string text, string field)
    {
        var errors = new List<Kernel.Results.RowError>();
        Assert.Null(Statement.Parse(text, 7, errors));
        Assert.Equal(field, errors[0].Field);
        Assert.Equal(7, errors[0].Row);
    }

    private const string Hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
}
