using System.Buffers;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Protocols.Handle.Tests;

/// <summary>The codec's per-thread writer: every overload writes the same bytes, and one message never leaks into the next.</summary>
public class PooledEncoderTests
{
    private static ResolutionResponse Answer(string handle) =>
        new(handle, [HandleValue.Text(1, HandleValueTypes.Url, "https://www.example.cn/products/" + handle, 1_780_000_000)]) { Expiration = 1_800_000_000 };

    [Fact]
    public void BufferWriterOverloads_WriteTheSameBytesAsTheArrayOnes()
    {
        var message = Answer("88.100.1/p1");
        var envelope = MessageEnvelope.Create(7, 0, sessionId: 3);
        var buffer = new ArrayBufferWriter<byte>();

        Assert.Equal(HandleMessageCodec.Encode(message).Length, HandleMessageCodec.Encode(message, buffer));
        Assert.Equal(HandleMessageCodec.Encode(message), buffer.WrittenSpan.ToArray());

        buffer.ResetWrittenCount();
        var framed = HandleMessageCodec.EncodeWithEnvelope(message, envelope);
        Assert.Equal(framed.Length, HandleMessageCodec.EncodeWithEnvelope(message, envelope, buffer));
        Assert.Equal(framed, buffer.WrittenSpan.ToArray());
        Assert.Equal(framed.Length - HandleProtocol.EnvelopeSize, MessageEnvelope.Read(framed).MessageLength);
        Assert.Equal(HandleMessageCodec.Encode(message), framed[HandleProtocol.EnvelopeSize..]);
    }

    [Fact]
    public void ReusedWriter_StartsEveryMessageEmpty_AfterALongAndAFailedOne()
    {
        var small = HandleMessageCodec.Encode(Answer("88.100.1/p1"));
        var list = new ListHandlesResponse([.. Enumerable.Range(0, 10_000).Select(i => "88.100.1/p" + i)]);
        var longOne = HandleMessageCodec.Encode(list);
        Assert.True(longOne.Length > 64 * 1024);
        Assert.Equal(10_000, Assert.IsType<ListHandlesResponse>(HandleMessageCodec.Decode(longOne)).Handles.Count);
        Assert.Equal(small, HandleMessageCodec.Encode(Answer("88.100.1/p1")));

        Assert.ThrowsAny<Exception>(() => HandleMessageCodec.Encode(new ResolutionResponse(null!, [])));
        Assert.Equal(small, HandleMessageCodec.Encode(Answer("88.100.1/p1")));
        var decoded = Assert.IsType<ResolutionResponse>(HandleMessageCodec.Decode(small));
        Assert.Equal("88.100.1/p1", decoded.Handle);
    }
}
