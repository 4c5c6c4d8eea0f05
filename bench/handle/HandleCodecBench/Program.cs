using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Perfolizer.Metrology;

namespace HandleCodecBench;

public static class Program
{
    // Allocations in bytes, not rounded to KB: the figure this suite exists for.
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(ResolutionPath).Assembly)
        .Run(args, DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithSizeUnit(SizeUnit.B)));
}

/// <summary>
/// The codec's share of answering one resolution, as the node does it for every uncached request: read the
/// envelope, decode the request, select the values, encode the answer and frame it (UDP: into the receive loop's
/// send buffer; TCP/HTTP: envelope and message as one frame). The handle and its value are those of
/// bench/handle/run.sh, so the figures sit beside its end-to-end ones. The store, sockets and rate limiter are not
/// in it: this is what the encoder costs, measured with [MemoryDiagnoser].
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class ResolutionPath
{
    private const string Handle = "88.100.1/p123456";
    private byte[] _datagram = [];
    private IReadOnlyList<HandleValue> _values = [];
    private readonly byte[] _send = new byte[HandleProtocol.EnvelopeSize + HandleProtocol.MaxUdpDataSize];
    private readonly ArrayBufferWriter<byte> _connection = new(1024);

    [GlobalSetup]
    public void Setup()
    {
        var message = HandleMessageCodec.Encode(new ResolutionRequest(Handle) { Flags = OpFlags.Recursive, Expiration = 1_800_000_000 });
        _datagram = new byte[HandleProtocol.EnvelopeSize + message.Length];
        MessageEnvelope.Create(42, message.Length).Write(_datagram);
        message.CopyTo(_datagram, HandleProtocol.EnvelopeSize);
        _values = [HandleValue.Text(1, HandleValueTypes.Url, "https://www.example.cn/products/" + Handle, 1_780_000_000)];
    }

    private (MessageEnvelope Envelope, ResolutionResponse Response) Answer()
    {
        var datagram = _datagram.AsSpan();
        var envelope = MessageEnvelope.Read(datagram);
        var request = (ResolutionRequest)HandleMessageCodec.Decode(datagram.Slice(HandleProtocol.EnvelopeSize, envelope.MessageLength));
        var visible = new List<HandleValue>(_values.Count);
        foreach (var v in _values)
        {
            if (IctGov.Protocols.Handle.TypeFilter.Selects(request.Indexes, request.Types, v) && (v.Permissions & ValuePermissions.PublicRead) != 0)
            {
                visible.Add(v);
            }
        }
        var response = new ResolutionResponse(request.Handle, visible) { Flags = request.Flags, Expiration = 1_800_043_200 };
        var reply = new MessageEnvelope(HandleProtocol.MajorVersion, HandleProtocol.SuggestedMinorVersion, HandleProtocol.MajorVersion,
            HandleProtocol.SuggestedMinorVersion, EnvelopeFlags.None, envelope.SessionId, envelope.RequestId, 0, 0);
        return (reply, response);
    }

    /// <summary>UDP: the encoded message behind the envelope in the loop's send buffer.</summary>
    [Benchmark(Baseline = true)]
    public int Udp()
    {
        var (envelope, response) = Answer();
        var message = HandleMessageCodec.Encode(response);
        (envelope with { MessageLength = message.Length }).Write(_send);
        message.CopyTo(_send.AsSpan(HandleProtocol.EnvelopeSize));
        return HandleProtocol.EnvelopeSize + message.Length;
    }

    /// <summary>TCP and HTTP: envelope and message as one frame.</summary>
    [Benchmark]
    public int Tcp()
    {
        var (envelope, response) = Answer();
        return HandleMessageCodec.EncodeWithEnvelope(response, envelope).Length;
    }

    /// <summary>TCP and HTTP since the pooled encoder: the frame written into the connection's reused buffer.</summary>
    [Benchmark]
    public int TcpReusedBuffer()
    {
        var (envelope, response) = Answer();
        _connection.ResetWrittenCount();
        return HandleMessageCodec.EncodeWithEnvelope(response, envelope, _connection);
    }
}
