using System.Text;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Notes;

namespace IctGov.AppLog.Tests.Notes;

/// <summary>Signed notes and checkpoints (c2sp.org/signed-note, c2sp.org/tlog-checkpoint).</summary>
public class NoteTests
{
    // The worked example of Go's golang.org/x/mod/sumdb/note package documentation (the reference
    // implementation): its signer key, verifier key, text and the signed note it prints.
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoSignature = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Signer_ReproducesTheReferenceNote_ByteForByte()
    {
        var signer = NoteSigner.Parse(GoSignerKey, out var error);
        Assert.NotNull(signer);
        Assert.Null(error);
        Assert.Equal(GoVerifierKey, signer!.VerifierKey());
        Assert.Equal(GoSignerKey, signer.SignerKey());
        Assert.Equal(GoText + "\n" + GoSignature, new SignedNote(GoText, [signer.Sign(GoText)]).Format());
    }

    [Fact]
    public void Verifier_AcceptsTheReferenceNote_AndRejectsAnyChangedText()
    {
        var verifier = NoteVerifier.Parse(GoVerifierKey, out _)!;
        var note = SignedNote.Parse(Encoding.UTF8.GetBytes(GoText + "\n" + GoSignature), out var error);
        Assert.Null(error);
        Assert.Equal(GoText, verifier.Verify(note!, out _));

        var changed = note! with { Text = GoText.Replace("problem", "problems", StringComparison.Ordinal) };
        Assert.Null(verifier.Verify(changed, out var why));
        Assert.Contains("does not verify", why, StringComparison.Ordinal);
        var otherKey = NoteSigner.Generate("PeterNeumann");
        Assert.Null(verifier.Verify(new SignedNote(GoText, [otherKey.Sign(GoText)]), out why));
        Assert.Contains("no signature by PeterNeumann", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_ManglingAnyCharacter_AreRefused()
    {
        foreach (var (key, parse) in new (string, Func<string, object?>)[]
        {
            (GoVerifierKey, k => NoteVerifier.Parse(k, out _)),
            (GoSignerKey, k => NoteSigner.Parse(k, out _)),
        })
        {
            Assert.NotNull(parse(key));
            for (var i = 0; i < key.Length; i++)
            {
                var mangled = key[..i] + (char)(key[i] + 1) + key[(i + 1)..];
                // Base64 padding bits: a changed last character can decode to the same bytes.
                if (i < key.Length - 1)
                {
                    Assert.Null(parse(mangled));
                }
                Assert.Null(parse(key[..i]));
            }
        }
    }

    [Theory]
    [InlineData("text\n", "no blank line")]
    [InlineData("text\n\n\u2014 name AAAAAAA=", "end with a newline")]
    [InlineData("text\n\n- name AAAAAAAA\n", "em dash")]
    [InlineData("text\n\n\u2014 na me AAAAAAAA\n", "without spaces")]
    [InlineData("text\n\n\u2014 name !!!!\n", "not base64")]
    [InlineData("text\n\n\u2014 name AAAA\n", "too short")]
    [InlineData("te\txt\n\n\u2014 name AAAAAAAA\n", "control character")]
    public void Note_Malformed_IsRefusedWithTheReason(string note, string reason)
    {
        Assert.Null(SignedNote.Parse(Encoding.UTF8.GetBytes(note), out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Note_NotUtf8_NamesTheByte()
    {
        Assert.Null(SignedNote.Parse([(byte)'a', 0xff, (byte)'\n'], out var error));
        Assert.Contains("byte 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_IsOriginSizeAndBase64Root_AndParsesBack()
    {
        var root = TreeHash.Leaf("x"u8);
        var c = new Checkpoint("example.com/log", 70000, root);
        Assert.Equal($"example.com/log\n70000\n{Convert.ToBase64String(root)}\n", c.Text());
        var back = Checkpoint.Parse(c.Text(), out _)!;
        Assert.Equal((c.Origin, c.Size), (back.Origin, back.Size));
        Assert.Equal(c.Root, back.Root);
        Assert.Equal(["ext one"], Checkpoint.Parse(c.Text() + "ext one\n", out _)!.Extensions);
    }

    [Theory]
    [InlineData("o\n1\n", "at least 3 lines")]
    [InlineData("o\n01\nAAAA\n", "line 2")]
    [InlineData("o\n-1\nAAAA\n", "line 2")]
    [InlineData("o\n1\n!!\n", "line 3: the root hash is not base64")]
    [InlineData("o\n1\nAAAA\n", "3 bytes")]
    [InlineData("\n1\nAAAA\n", "origin is empty")]
    [InlineData("o\n1\nAAAA", "ends with a newline")]
    public void Checkpoint_Malformed_NamesTheLine(string text, string reason)
    {
        Assert.Null(Checkpoint.Parse(text, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
