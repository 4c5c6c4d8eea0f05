namespace IctGov.Protocols.Handle;

/// <summary>
/// The only error the Handle codec throws: a message that is truncated, oversized or malformed.
/// Carries the byte offset (from the start of the buffer handed to the decoder) and what was expected there,
/// so a server can log something actionable and answer PROTOCOL_ERROR.
/// </summary>
public sealed class HandleProtocolException : Exception
{
    public HandleProtocolException(int offset, string expected)
        : base($"Handle protocol error at byte {offset}: expected {expected}")
    {
        Offset = offset;
        Expected = expected;
    }

    public HandleProtocolException()
        : this(0, "a well-formed message")
    {
    }

    public HandleProtocolException(string message)
        : base(message)
    {
        Expected = message;
    }

    public HandleProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = message;
    }

    /// <summary>Byte offset where decoding failed.</summary>
    public int Offset { get; }

    /// <summary>What the decoder expected at <see cref="Offset"/>.</summary>
    public string Expected { get; } = "";
}
