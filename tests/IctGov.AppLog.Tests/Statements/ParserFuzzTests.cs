using System.Text;
using IctGov.AppLog.Domain.Notes;
using IctGov.AppLog.Domain.Statements;
using IctGov.AppLog.Domain.Tiles;
using IctGov.Kernel.Results;

namespace IctGov.AppLog.Tests.Statements;

/// <summary>
/// Every parser of outside input, fed mutations of valid input (bytes flipped, cut, repeated,
/// inserted): each answers with a value or a reason, and never throws.
/// </summary>
public class ParserFuzzTests
{
    private const int Rounds = 3000;

    [Fact]
    public void SignedStatementEntry_NeverThrows_AndAcceptsOnlyWhatVerifies()
    {
        var developer = TestSigner.Sm2();
        var s = developer.Submit(TestSigner.Statement(StatementType.DeveloperSignature, developer.CertificateSha256));
        var entry = SignedStatement.Verify(s.Statement!, s.Certificate!, s.Signature!, 1, [])!.Entry();
        foreach (var mutated in Mutations(entry, 17, Rounds / 3))
        {
            var parsed = SignedStatement.ParseEntry(mutated, out var error);
            Assert.True(parsed is not null || !string.IsNullOrEmpty(error));
            if (parsed is not null)
            {
                // Only an entry whose statement, certificate and signature are intact may be accepted.
                Assert.Equal(SignedStatement.ParseEntry(entry, out _)!.Statement, parsed.Statement);
            }
        }
    }

    [Fact]
    public void StatementAndNoteAndCheckpointAndTilePath_NeverThrow()
    {
        var statement = Encoding.UTF8.GetBytes(TestSigner.Statement(StatementType.StoreListing, new string('a', 64), note: "上架 listing"));
        foreach (var mutated in Mutations(statement, 1, Rounds))
        {
            var errors = new List<RowError>();
            Assert.True(Statement.Parse(Encoding.UTF8.GetString(mutated), 1, errors) is not null || errors.Count > 0);
        }
        var signer = NoteSigner.Generate("example.com/log");
        var body = new Checkpoint("example.com/log", 1234, new byte[32]).Text();
        var note = Encoding.UTF8.GetBytes(new SignedNote(body, [signer.Sign(body)]).Format());
        var verifier = NoteVerifier.Parse(signer.VerifierKey(), out _)!;
        foreach (var mutated in Mutations(note, 2, Rounds))
        {
            var parsed = SignedNote.Parse(mutated, out var error);
            Assert.True(parsed is not null || error is not null);
            if (parsed is not null && verifier.Verify(parsed, out _) is { } text)
            {
                Assert.Equal(body, text);
            }
            Assert.True(Checkpoint.Parse(Encoding.UTF8.GetString(mutated), out var cpError) is not null || cpError is not null);
        }
        foreach (var mutated in Mutations(Encoding.ASCII.GetBytes("tile/entries/x001/x234/067.p/255"), 3, Rounds))
        {
            var text = Encoding.UTF8.GetString(mutated);
            var parsed = TilePath.Parse(text, out var error);
            Assert.True(parsed is null ? error is not null : parsed.Value.ToString() == text);
        }
        foreach (var mutated in Mutations(Encoding.ASCII.GetBytes(signer.VerifierKey()), 4, Rounds))
        {
            Assert.True(NoteVerifier.Parse(Encoding.UTF8.GetString(mutated), out var error) is not null || error is not null);
        }
    }

    private static IEnumerable<byte[]> Mutations(byte[] valid, int seed, int rounds)
    {
        var random = new Random(seed);
        for (var i = 0; i < rounds; i++)
        {
            var b = valid.ToList();
            for (var edits = random.Next(1, 4); edits > 0 && b.Count > 0; edits--)
            {
                var at = random.Next(b.Count);
                switch (random.Next(5))
                {
                    case 0: b[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1: b.RemoveRange(at, Math.Min(b.Count - at, random.Next(1, 8))); break;
                    case 2: b.InsertRange(at, b.GetRange(at, Math.Min(b.Count - at, random.Next(1, 8)))); break;
                    case 3: b.Insert(at, (byte)random.Next(256)); break;
                    default: b[at] = (byte)"\n \u2014+/0x."[random.Next(7)]; break;
                }
            }
            yield return [.. b];
        }
    }
}
