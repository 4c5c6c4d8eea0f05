using System.Security.Cryptography;
using System.Text;
using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>
/// SESSION_SETUP in the cipher modes of Handle.Net's batch tool: the session key comes back sealed with the
/// client's RSA key (sent along, or held at a handle on the node), and only that key's private half opens it.
/// </summary>
public sealed class CipherSessionTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static void AssertAesSessionKey(byte[] opened)
    {
        Assert.Equal(20, opened.Length);
        Assert.Equal([0, 0, 0, 3], opened[..4]);
        Assert.Contains(opened[4..], b => b != 0);
    }

    [Fact]
    public async Task ClientCipher_SealsAFreshAesKeyWithTheKeySent()
    {
        using var mine = RSA.Create(2048);
        var setup = new SessionSetupRequest(KeyExchangeMode.CipherClient, 3600, TestNode.PrefixHandle, 301, PublicKeyEncoding.EncodeRsa(mine.ExportParameters(false)));
        var first = Assert.IsType<SessionSetupResponse>(await _node.Client().SendAsync(setup, HandleTransport.Tcp));
        var second = Assert.IsType<SessionSetupResponse>(await _node.Client().SendAsync(setup, HandleTransport.Tcp));

        Assert.Equal(KeyExchangeMode.CipherClient, first.Mode);
        var key = mine.Decrypt(first.Data, RSAEncryptionPadding.Pkcs1);
        AssertAesSessionKey(key);
        Assert.NotEqual(key, mine.Decrypt(second.Data, RSAEncryptionPadding.Pkcs1));
        using var other = RSA.Create(2048);
        Assert.ThrowsAny<CryptographicException>(() => other.Decrypt(first.Data, RSAEncryptionPadding.Pkcs1));
    }

    [Fact]
    public async Task HandleCipher_UsesTheHsPubkeyHeldAtTheNamedHandleAndIndex()
    {
        var setup = new SessionSetupRequest(KeyExchangeMode.CipherHandle, 3600, TestNode.PrefixHandle, 301, Encoding.UTF8.GetBytes(TestNode.PrefixHandle))
        {
            ExchangeKeyIndex = 301,
        };
        var answer = Assert.IsType<SessionSetupResponse>(await _node.Client().SendAsync(setup, HandleTransport.Tcp));
        Assert.Equal(KeyExchangeMode.CipherHandle, answer.Mode);
        AssertAesSessionKey(_node.AdminRsa.Decrypt(answer.Data, RSAEncryptionPadding.Pkcs1));
    }

    [Fact]
    public async Task HandleCipher_WithoutAPublicKeyThere_AndNonRsaKeys_AreRefused()
    {
        var secretIndex = new SessionSetupRequest(KeyExchangeMode.CipherHandle, 3600, TestNode.PrefixHandle, 300, Encoding.UTF8.GetBytes(TestNode.PrefixHandle))
        {
            ExchangeKeyIndex = 300,
        };
        Assert.Equal(ResponseCode.SessionFailed, (await _node.Client().SendAsync(secretIndex, HandleTransport.Tcp)).ResponseCode);
        var nowhere = new SessionSetupRequest(KeyExchangeMode.CipherHandle, 3600, TestNode.PrefixHandle, 300, Encoding.UTF8.GetBytes("88.100.1/no-such-key"))
        {
            ExchangeKeyIndex = 1,
        };
        Assert.Equal(ResponseCode.SessionFailed, (await _node.Client().SendAsync(nowhere, HandleTransport.Tcp)).ResponseCode);

        using var dsa = DSA.Create(2048);
        var notRsa = new SessionSetupRequest(KeyExchangeMode.CipherClient, 3600, TestNode.PrefixHandle, 301, PublicKeyEncoding.EncodeDsa(dsa.ExportParameters(false)));
        Assert.Equal(ResponseCode.InvalidSessionSetupRequest, (await _node.Client().SendAsync(notRsa, HandleTransport.Tcp)).ResponseCode);
        var garbage = new SessionSetupRequest(KeyExchangeMode.CipherClient, 3600, TestNode.PrefixHandle, 301, [1, 2, 3]);
        Assert.Equal(ResponseCode.InvalidSessionSetupRequest, (await _node.Client().SendAsync(garbage, HandleTransport.Tcp)).ResponseCode);
    }
}
