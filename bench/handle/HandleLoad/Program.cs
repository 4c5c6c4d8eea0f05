using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace HandleLoad;

/// <summary>
/// Handle resolution load in dnsperf's manner: a fixed number of outstanding queries, request ids matched,
/// unanswered queries counted as lost after a timeout, latency per query into a histogram.
///
///   HandleLoad --udp 127.0.0.1:2641 [--tcp 127.0.0.1:2641] [--http http://127.0.0.1:5000/hdl] [--dns 127.0.0.1:53 --zone idis.example]
///              --duration 20 --outstanding 100 (--names N | --queries FILE) [--sockets K] [--connections K] [--http-concurrency C] [--timeout 5]
///
/// --dns sends the same names as DNS TXT queries (p7.88-100-1.&lt;zone&gt; for 88.100.1/p7) through the same UDP loop,
/// so a DNS server is measured by the same client as the Handle node. --sockets spreads the outstanding queries over
/// K UDP sockets (K source ports), as a resolver farm's queries arrive.
///
/// One line per run: "&lt;handle|dns&gt; &lt;transport&gt; qps=.. p50_ms=.. p99_ms=.. p999_ms=.. lost=.. errors=.. cpu=.."
/// (cpu = the load generator's own CPU time over wall time, to show when it is itself the limit).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"Expected an option at argument {i + 1}, got '{args[i]}'");
                return 2;
            }
            options[args[i][2..]] = args[i + 1];
        }
        var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("duration", "20"), CultureInfo.InvariantCulture));
        var outstanding = int.Parse(options.GetValueOrDefault("outstanding", "100"), CultureInfo.InvariantCulture);
        var timeout = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("timeout", "5"), CultureInfo.InvariantCulture));
        var connections = int.Parse(options.GetValueOrDefault("connections", "4"), CultureInfo.InvariantCulture);
        var handles = Queries(options);
        if (handles.Length == 0)
        {
            Console.Error.WriteLine("No queries: give --names N or --queries FILE");
            return 2;
        }
        // Envelope + message for every query, made before the clock starts; only the request id is patched per send.
        var frames = new byte[handles.Length][];
        for (var i = 0; i < handles.Length; i++)
        {
            var message = HandleMessageCodec.Encode(new ResolutionRequest(handles[i]));
            frames[i] = new byte[HandleProtocol.EnvelopeSize + message.Length];
            MessageEnvelope.Create(0, message.Length).Write(frames[i]);
            message.CopyTo(frames[i], HandleProtocol.EnvelopeSize);
        }
        var sockets = int.Parse(options.GetValueOrDefault("sockets", "1"), CultureInfo.InvariantCulture);
        if (options.TryGetValue("udp", out var udp))
        {
            Report("handle", "udp", () => DatagramLoad.Run(new HandleWire(), IPEndPoint.Parse(udp), frames, outstanding, sockets, duration, timeout));
        }
        if (options.TryGetValue("dns", out var dns))
        {
            // The same names in the same order, as the TXT records bench/handle/dns-peer.sh serves.
            var zone = options.GetValueOrDefault("zone", "idis.example");
            var queries = handles.Select(h => DnsWire.Query(DnsWire.NameOf(h, zone))).ToArray();
            Report("dns", "udp", () => DatagramLoad.Run(new DnsWire(), IPEndPoint.Parse(dns), queries, outstanding, sockets, duration, timeout));
        }
        if (options.TryGetValue("tcp", out var tcp))
        {
            Report("handle", "tcp", () => TcpLoad.Run(IPEndPoint.Parse(tcp), frames, connections, Math.Max(1, outstanding / connections), duration));
        }
        if (options.TryGetValue("http", out var http))
        {
            var concurrency = int.Parse(options.GetValueOrDefault("http-concurrency", connections.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            Report("handle", "http", () => HttpLoad.Run(new Uri(http), handles, frames, concurrency, duration).GetAwaiter().GetResult());
        }
        return 0;
    }

    private static string[] Queries(Dictionary<string, string> options)
    {
        if (options.TryGetValue("queries", out var file))
        {
            return [.. File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0)];
        }
        // A uniform random choice over p0..p(N-1), 200,000 entries long like dns-peer.sh's query file.
        var n = int.Parse(options.GetValueOrDefault("names", "0"), CultureInfo.InvariantCulture);
        if (n <= 0)
        {
            return [];
        }
        var random = new Random(42);
        var prefix = options.GetValueOrDefault("prefix", "88.100.1");
        return [.. Enumerable.Range(0, 200_000).Select(_ => $"{prefix}/p{random.Next(n)}")];
    }

    private static void Report(string protocol, string transport, Func<Result> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var t0 = Stopwatch.GetTimestamp();
        var r = run();
        process.Refresh();
        var wall = Stopwatch.GetElapsedTime(t0);
        var cpu = (process.TotalProcessorTime - cpu0) / wall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{protocol} {transport} qps={r.Completed / r.Elapsed.TotalSeconds:F0} p50_ms={r.Latency.Percentile(0.50):F3} p99_ms={r.Latency.Percentile(0.99):F3} p999_ms={r.Latency.Percentile(0.999):F3} lost={r.Lost} errors={r.Errors} completed={r.Completed} cpu={cpu:F2}"));
    }

    /// <summary>Response code of an answer frame (envelope + message), or -1 when too short.</summary>
    internal static int ResponseCode(ReadOnlySpan<byte> frame) =>
        frame.Length >= HandleProtocol.EnvelopeSize + 8 ? BinaryPrimitives.ReadInt32BigEndian(frame[(HandleProtocol.EnvelopeSize + 4)..]) : -1;
}

internal sealed record Result(long Completed, long Lost, long Errors, TimeSpan Elapsed, Histogram Latency);

/// <summary>Latency counts in 1 µs buckets up to 10 s (the last bucket holds anything slower).</summary>
internal sealed class Histogram
{
    private const int Buckets = 10_000_001;
    private readonly int[] _counts = new int[Buckets];
    private long _total;

    public void Add(long elapsedTicks)
    {
        var micros = elapsedTicks * 1_000_000 / Stopwatch.Frequency;
        _counts[micros < Buckets - 1 ? micros : Buckets - 1]++;
        _total++;
    }

    public void AddConcurrent(long elapsedTicks)
    {
        var micros = elapsedTicks * 1_000_000 / Stopwatch.Frequency;
        Interlocked.Increment(ref _counts[micros < Buckets - 1 ? micros : Buckets - 1]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>The latency in milliseconds below which the fraction <paramref name="q"/> of queries fell.</summary>
    public double Percentile(double q)
    {
        if (_total == 0)
        {
            return double.NaN;
        }
        var rank = (long)Math.Ceiling(q * _total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i / 1000.0;
            }
        }
        return (Buckets - 1) / 1000.0;
    }
}

/// <summary>
/// How a datagram protocol carries the request id and the outcome, so that one load loop drives a Handle node and a
/// DNS server alike (issue 11, item 5: one client for both, so the comparison measures the servers).
/// </summary>
internal interface IDatagramWire
{
    /// <summary>Bits of request id the protocol carries (Handle 31, DNS 16).</summary>
    int IdBits { get; }

    void WriteId(Span<byte> frame, int id);

    /// <summary>The request id of an answer, or -1 for a datagram that does not complete a query (too short, a later packet).</summary>
    int ReadId(ReadOnlySpan<byte> answer);

    bool Succeeded(ReadOnlySpan<byte> answer);
}

internal sealed class HandleWire : IDatagramWire
{
    public int IdBits => 31;

    public void WriteId(Span<byte> frame, int id) => BinaryPrimitives.WriteInt32BigEndian(frame[8..], id);

    // Only the first packet of an answer counts (sequence number 0).
    public int ReadId(ReadOnlySpan<byte> answer) =>
        answer.Length < HandleProtocol.EnvelopeSize || BinaryPrimitives.ReadInt32BigEndian(answer[12..]) != 0 ? -1 : BinaryPrimitives.ReadInt32BigEndian(answer[8..]);

    public bool Succeeded(ReadOnlySpan<byte> answer) => Program.ResponseCode(answer) == (int)IctGov.Protocols.Handle.ResponseCode.Success;
}

/// <summary>DNS (RFC 1035 §4.1): the id is the header's first two octets; success is RCODE 0 with at least one answer.</summary>
internal sealed class DnsWire : IDatagramWire
{
    public int IdBits => 16;

    public void WriteId(Span<byte> frame, int id) => BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)id);

    public int ReadId(ReadOnlySpan<byte> answer) => answer.Length < 12 ? -1 : BinaryPrimitives.ReadUInt16BigEndian(answer);

    public bool Succeeded(ReadOnlySpan<byte> answer) => (answer[3] & 0x0F) == 0 && BinaryPrimitives.ReadUInt16BigEndian(answer[6..]) > 0;

    /// <summary>A TXT query for the name, recursion not desired (the server is authoritative), no EDNS — as dnsperf sends it.</summary>
    public static byte[] Query(string name)
    {
        var frame = new List<byte>(64) { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(label);
            frame.Add((byte)bytes.Length);
            frame.AddRange(bytes);
        }
        frame.AddRange([0, 0, 16, 0, 1]);
        return [.. frame];
    }

    /// <summary>The DNS name bench/handle/dns-peer.sh gives a handle: 88.100.1/p7 → p7.88-100-1.&lt;zone&gt;.</summary>
    public static string NameOf(string handle, string zone)
    {
        var slash = handle.IndexOf('/', StringComparison.Ordinal);
        return $"{handle[(slash + 1)..]}.{handle[..slash].Replace('.', '-')}.{zone}";
    }
}

/// <summary>
/// One thread, K UDP sockets, <c>outstanding</c> queries in flight spread over them (slot s goes out on socket s mod K);
/// request id = sequence &lt;&lt; slot bits | slot. Queries leave in one sendmmsg per socket and answers are taken up to
/// 64 at a time with recvmmsg (Linux), so the client spends about one system call per batch rather than two per
/// query: driven by per-datagram calls it used its whole core at NSD's rate and measured itself, not the server.
/// It prints its own CPU share (the cpu figure) to show it is not the limit.
/// </summary>
internal static unsafe class DatagramLoad
{
    private const int Batch = 64;
    private const int MsgDontWait = 0x40;

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sendmmsg(int fd, MMsgHdr* messages, uint count, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int recvmmsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(PollFd* fds, nuint count, int timeoutMs);

    public static Result Run(IDatagramWire wire, IPEndPoint server, byte[][] frames, int outstanding, int socketCount, TimeSpan duration, TimeSpan timeout)
    {
        var slotBits = 1;
        while ((1 << slotBits) < outstanding)
        {
            slotBits++;
        }
        if (slotBits >= wire.IdBits - 4)
        {
            throw new ArgumentException($"{outstanding} outstanding queries leave too few id bits for sequence numbers");
        }
        var mask = (1 << slotBits) - 1;
        var idMask = wire.IdBits == 31 ? 0x7FFF_FFFF : (1 << wire.IdBits) - 1;
        var sentAt = new long[1 << slotBits];
        var ids = new int[1 << slotBits];
        var free = new Stack<int>(Enumerable.Range(0, outstanding).Reverse());
        var histogram = new Histogram();
        var sockets = new Socket[Math.Max(1, socketCount)];
        var fds = stackalloc PollFd[sockets.Length];
        for (var i = 0; i < sockets.Length; i++)
        {
            sockets[i] = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20, SendBufferSize = 4 << 20 };
            sockets[i].Connect(server);
            fds[i] = new PollFd { Fd = (int)sockets[i].Handle, Events = 1 /* POLLIN */ };
        }
        // Each slot has its own send buffer (the query is copied in and its id written there); receive buffers per batch entry.
        var maxFrame = frames.Max(f => f.Length);
        var sendBuffers = GC.AllocateUninitializedArray<byte>(outstanding * maxFrame, pinned: true);
        var receiveBuffers = GC.AllocateUninitializedArray<byte>(Batch * 2048, pinned: true);
        var sendVecs = stackalloc IoVec[Batch];
        var sendMsgs = stackalloc MMsgHdr[Batch];
        var receiveVecs = stackalloc IoVec[Batch];
        var receiveMsgs = stackalloc MMsgHdr[Batch];
        var pending = new List<int>[sockets.Length];
        for (var i = 0; i < sockets.Length; i++)
        {
            pending[i] = new List<int>(outstanding);
        }
        long completed = 0, lost = 0, errors = 0, sequence = 0;
        var next = 0;
        var timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var lastSweep = start;
        var last = start;
        fixed (byte* sendBase = sendBuffers)
        fixed (byte* receiveBase = receiveBuffers)
        {
            for (var i = 0; i < Batch; i++)
            {
                receiveVecs[i] = new IoVec { Base = receiveBase + i * 2048, Length = 2048 };
            }
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now < end)
                {
                    while (free.Count > 0)
                    {
                        var slot = free.Pop();
                        var id = (int)(((++sequence << slotBits) | (uint)slot) & idMask);
                        ids[slot] = id;
                        var frame = frames[next];
                        next = next + 1 == frames.Length ? 0 : next + 1;
                        var target = new Span<byte>(sendBase + slot * maxFrame, frame.Length);
                        frame.CopyTo(target);
                        wire.WriteId(target, id);
                        pending[slot % sockets.Length].Add(slot | (frame.Length << 16));
                    }
                    for (var s = 0; s < sockets.Length; s++)
                    {
                        var list = pending[s];
                        for (var offset = 0; offset < list.Count; offset += Batch)
                        {
                            var count = Math.Min(Batch, list.Count - offset);
                            var stamp = Stopwatch.GetTimestamp();
                            for (var i = 0; i < count; i++)
                            {
                                var slot = list[offset + i] & 0xFFFF;
                                sendVecs[i] = new IoVec { Base = sendBase + slot * maxFrame, Length = (nuint)(list[offset + i] >> 16) };
                                sendMsgs[i] = new MMsgHdr { Header = new MsgHdr { Iov = &sendVecs[i], IovLength = 1 } };
                                sentAt[slot] = stamp;
                            }
                            var sent = 0;
                            while (sent < count)
                            {
                                var n = sendmmsg(fds[s].Fd, sendMsgs + sent, (uint)(count - sent), 0);
                                if (n <= 0)
                                {
                                    break; // a full send buffer: the unsent queries time out and count as lost
                                }
                                sent += n;
                            }
                        }
                        list.Clear();
                    }
                }
                else if (free.Count == outstanding || now - end > timeoutTicks)
                {
                    break;
                }
                // One poll over all sockets (waiting up to 1 ms only when every query is out), then recvmmsg on the ready ones.
                if (poll(fds, (nuint)sockets.Length, free.Count == 0 ? 1 : 0) > 0)
                {
                    for (var s = 0; s < sockets.Length; s++)
                    {
                        if ((fds[s].ReturnedEvents & 1) == 0)
                        {
                            continue;
                        }
                        while (true)
                        {
                            for (var i = 0; i < Batch; i++)
                            {
                                receiveMsgs[i] = new MMsgHdr { Header = new MsgHdr { Iov = &receiveVecs[i], IovLength = 1 } };
                            }
                            var n = recvmmsg(fds[s].Fd, receiveMsgs, Batch, MsgDontWait, null);
                            if (n <= 0)
                            {
                                break;
                            }
                            var got = Stopwatch.GetTimestamp();
                            for (var i = 0; i < n; i++)
                            {
                                var answer = new ReadOnlySpan<byte>(receiveBase + i * 2048, (int)receiveMsgs[i].Length);
                                var id = wire.ReadId(answer);
                                if (id < 0)
                                {
                                    continue;
                                }
                                var slot = id & mask;
                                // Late answers to timed-out queries are ignored.
                                if (slot >= outstanding || sentAt[slot] == 0 || ids[slot] != id)
                                {
                                    continue;
                                }
                                histogram.Add(got - sentAt[slot]);
                                sentAt[slot] = 0;
                                free.Push(slot);
                                completed++;
                                last = got;
                                if (!wire.Succeeded(answer))
                                {
                                    errors++;
                                }
                            }
                            if (n < Batch)
                            {
                                break;
                            }
                        }
                    }
                }
                now = Stopwatch.GetTimestamp();
                if (now - lastSweep > Stopwatch.Frequency / 10)
                {
                    lastSweep = now;
                    for (var slot = 0; slot < outstanding; slot++)
                    {
                        if (sentAt[slot] != 0 && now - sentAt[slot] > timeoutTicks)
                        {
                            sentAt[slot] = 0;
                            free.Push(slot);
                            lost++;
                        }
                    }
                }
            }
        }
        for (var slot = 0; slot < outstanding; slot++)
        {
            if (sentAt[slot] != 0)
            {
                lost++;
            }
        }
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
        return new Result(completed, lost, errors, Stopwatch.GetElapsedTime(start, Math.Max(last, end)), histogram);
    }
}

/// <summary>
/// K connections on one thread; the server reads frames one after another on a connection and answers in order,
/// so each connection keeps <c>depth</c> requests pipelined and matches answers first-in first-out.
/// </summary>
internal static class TcpLoad
{
    private sealed class Connection(Socket socket, int depth)
    {
        public Socket Socket { get; } = socket;
        public byte[] Buffer { get; } = new byte[1 << 20];
        public int Filled { get; set; }
        public Queue<(int Id, long SentAt)> InFlight { get; } = new(depth);
    }

    public static Result Run(IPEndPoint server, byte[][] frames, int connections, int depth, TimeSpan duration)
    {
        var histogram = new Histogram();
        var all = new List<Connection>();
        for (var i = 0; i < connections; i++)
        {
            var s = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            s.Connect(server);
            all.Add(new Connection(s, depth));
        }
        long completed = 0, errors = 0;
        var next = 0;
        var id = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var readable = new List<Socket>(connections);
        var bySocket = all.ToDictionary(c => c.Socket);
        void Send(Connection c)
        {
            var frame = frames[next];
            next = next + 1 == frames.Length ? 0 : next + 1;
            id = id == int.MaxValue ? 1 : id + 1;
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), id);
            c.InFlight.Enqueue((id, Stopwatch.GetTimestamp()));
            c.Socket.Send(frame);
        }
        foreach (var c in all)
        {
            for (var d = 0; d < depth; d++)
            {
                Send(c);
            }
        }
        var last = start;
        while (true)
        {
            var sending = Stopwatch.GetTimestamp() < end;
            if (!sending && all.All(c => c.InFlight.Count == 0))
            {
                break;
            }
            readable.Clear();
            foreach (var c in all)
            {
                if (c.InFlight.Count > 0)
                {
                    readable.Add(c.Socket);
                }
            }
            Socket.Select(readable, null, null, 5_000_000);
            if (readable.Count == 0)
            {
                break;
            }
            foreach (var s in readable)
            {
                var c = bySocket[s];
                var n = s.Receive(c.Buffer.AsSpan(c.Filled));
                if (n == 0)
                {
                    throw new IOException("The server closed a connection");
                }
                c.Filled += n;
                var got = Stopwatch.GetTimestamp();
                var offset = 0;
                while (c.Filled - offset >= HandleProtocol.EnvelopeSize)
                {
                    var length = BinaryPrimitives.ReadInt32BigEndian(c.Buffer.AsSpan(offset + 16));
                    if (c.Filled - offset < HandleProtocol.EnvelopeSize + length)
                    {
                        break;
                    }
                    var frame = c.Buffer.AsSpan(offset, HandleProtocol.EnvelopeSize + length);
                    var (sentId, sentAt) = c.InFlight.Dequeue();
                    histogram.Add(got - sentAt);
                    completed++;
                    last = got;
                    if (BinaryPrimitives.ReadInt32BigEndian(frame[8..]) != sentId || Program.ResponseCode(frame) != (int)ResponseCode.Success)
                    {
                        errors++;
                    }
                    offset += frame.Length;
                    if (sending)
                    {
                        Send(c);
                    }
                }
                c.Buffer.AsSpan(offset, c.Filled - offset).CopyTo(c.Buffer);
                c.Filled -= offset;
            }
        }
        var lost = all.Sum(c => (long)c.InFlight.Count);
        foreach (var c in all)
        {
            c.Socket.Dispose();
        }
        return new Result(completed, lost, errors, Stopwatch.GetElapsedTime(start, Math.Max(last, end)), histogram);
    }
}

/// <summary>K concurrent POSTs of application/x-hdl-message to {base}/{handle} over HttpClient's connection pool.</summary>
internal static class HttpLoad
{
    public static async Task<Result> Run(Uri baseUri, string[] handles, byte[][] frames, int concurrency, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var uris = handles.Select(h => new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/" + h)).ToArray();
        var mime = new MediaTypeHeaderValue(HandleProtocol.HttpMimeType);
        var histogram = new Histogram();
        long completed = 0, errors = 0;
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var last = start;
        async Task Worker()
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var i = (int)((uint)Interlocked.Increment(ref next) % (uint)frames.Length);
                // Frames are shared between workers here, so each request gets its own copy with its own id.
                var frame = (byte[])frames[i].Clone();
                BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), i + 1);
                using var content = new ByteArrayContent(frame);
                content.Headers.ContentType = mime;
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PostAsync(uris[i], content);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    var got = Stopwatch.GetTimestamp();
                    histogram.AddConcurrent(got - sent);
                    Interlocked.Increment(ref completed);
                    Interlocked.Exchange(ref last, got);
                    if (!response.IsSuccessStatusCode || Program.ResponseCode(body) != (int)ResponseCode.Success)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        return new Result(completed, 0, errors, Stopwatch.GetElapsedTime(start, Math.Max(last, end)), histogram);
    }
}
