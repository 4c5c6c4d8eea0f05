using System.Net;
using System.Net.Sockets;
using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>TCP clients that hold connections or trickle bytes must not shut others out: real sockets on loopback.</summary>
public sealed class TcpExhaustionTests
{
    private static byte[] ResolutionFrame(int requestId)
    {
        var message = HandleMessageCodec.Encode(new ResolutionRequest("88.100.1/abc"));
        return [.. MessageEnvelope.Create(requestId, message.Length).ToArray(), .. message];
    }

    private static async Task<Socket> ConnectFromAsync(IPAddress source, IPEndPoint node)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(node);
        return socket;
    }

    /// <summary>Sends a resolution and reads the answer's envelope; null when the node closed the connection instead.</summary>
    private static async Task<MessageEnvelope?> AskAsync(Socket socket, int requestId)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await socket.SendAsync(ResolutionFrame(requestId), SocketFlags.None, guard.Token);
            var head = new byte[HandleProtocol.EnvelopeSize];
            var read = 0;
            while (read < head.Length)
            {
                var n = await socket.ReceiveAsync(head.AsMemory(read), SocketFlags.None, guard.Token);
                if (n == 0)
                {
                    return null;
                }
                read += n;
            }
            return MessageEnvelope.Read(head);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    [Fact]
    public async Task OneClientHoldingConnections_GetsOnlyItsShare_AndAnotherClientIsStillServed()
    {
        await using var node = await TestNode.StartAsync(o => { o.MaxTcpConnections = 8; o.MaxTcpConnectionsPerClient = 3; });
        var hog = new List<Socket>();
        try
        {
            // More idle connections from one address than the whole node may hold.
            for (var i = 0; i < 10; i++)
            {
                hog.Add(await ConnectFromAsync(IPAddress.Loopback, node.Tcp));
            }
            var served = 0;
            for (var i = 0; i < hog.Count; i++)
            {
                served += await AskAsync(hog[i], 100 + i) is { RequestId: var id } && id == 100 + i ? 1 : 0;
            }
            Assert.Equal(3, served);

            // Another client (another loopback address) still gets in and is answered.
            using var other = await ConnectFromAsync(IPAddress.Parse("127.0.0.2"), node.Tcp);
            Assert.Equal(7, (await AskAsync(other, 7))?.RequestId);
        }
        finally
        {
            hog.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task SenderTricklingAMessage_IsCutOffAtTheMessageDeadline_ThoughEveryByteCameBeforeTheIdleTimeout()
    {
        // Bytes come every 100 ms, well inside the idle timeout; the whole message would take about 7 s.
        await using var node = await TestNode.StartAsync(o => { o.TcpIdleTimeout = TimeSpan.FromSeconds(5); o.TcpMessageTimeout = TimeSpan.FromSeconds(1); });
        using var socket = await ConnectFromAsync(IPAddress.Loopback, node.Tcp);
        var frame = ResolutionFrame(4711);
        foreach (var b in frame)
        {
            try
            {
                await socket.SendAsync(new[] { b }, SocketFlags.None);
            }
            catch (SocketException)
            {
                // Reset by the node: cut off mid-message.
                break;
            }
            await Task.Delay(100);
        }
        // Whether or not the writes noticed, the node must have closed the connection rather than answer.
        var head = new byte[HandleProtocol.EnvelopeSize];
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int received;
        try
        {
            received = await socket.ReceiveAsync(head, SocketFlags.None, guard.Token);
        }
        catch (SocketException)
        {
            received = 0;
        }
        Assert.True(received == 0, $"the node answered a message that took {frame.Length * 100} ms to trickle in");
        // The node serves everyone else meanwhile.
        Assert.Equal(ResponseCode.Success, (await node.Client().SendAsync(new ResolutionRequest("88.100.1/abc"), HandleTransport.Tcp)).ResponseCode);
    }
}
