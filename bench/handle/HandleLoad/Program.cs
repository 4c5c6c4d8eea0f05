using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace HandleLoad;

/// <summary>
/// Handle resolution load in dnsperf's manner: a fixed number of outstanding queries, request ids matched,
/// unanswered queries counted as lost after a timeout, latency per query into a histogram.
///
///   HandleLoad --udp 127.0.0.1:2641 [--tcp 127.0.0.1:2641] [--http http://127.0.0.1:5000/hdl]
///              --duration 20 --outstanding 100 (--names N | --queries FILE) [--connections K] [--http-concurrency C] [--timeout 5]
///
/// One line per transport: "handle &lt;transport&gt; qps=.. p50_ms=.. p99_ms=.. lost=.. errors=.. cpu=.."
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
        if (options.TryGetValue("udp", out var udp))
        {
            Report("udp", () => UdpLoad.Run(IPEndPoint.Parse(udp), frames, outstanding, duration, timeout));
        }
        if (options.TryGetValue("tcp", out var tcp))
        {
            Report("tcp", () => TcpLoad.Run(IPEndPoint.Parse(tcp), frames, connections, Math.Max(1, outstanding / connections), duration));
        }
        if (options.TryGetValue("http", out var http))
        {
            var concurrency = int.Parse(options.GetValueOrDefault("http-concurrency", connections.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            Report("http", () => HttpLoad.Run(new Uri(http), handles, frames, concurrency, duration).GetAwaiter().GetResult());
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

    private static void Report(string transport, Func<Result> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var t0 = Stopwatch.GetTimestamp();
        var r = run();
        process.Refresh();
        var wall = Stopwatch.GetElapsedTime(t0);
        var cpu = (process.TotalProcessorTime - cpu0) / wall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"handle {transport} qps={r.Completed / r.Elapsed.TotalSeconds:F0} p50_ms={r.Latency.Percentile(0.50):F3} p99_ms={r.Latency.Percentile(0.99):F3} lost={r.Lost} errors={r.Errors} completed={r.Completed} cpu={cpu:F2}"));
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

/// <summary>One thread, one UDP socket, <c>outstanding</c> queries in flight; request id = sequence &lt;&lt; slot bits | slot.</summary>
internal static class UdpLoad
{
    public static Result Run(IPEndPoint server, byte[][] frames, int outstanding, TimeSpan duration, TimeSpan timeout)
    {
        var slotBits = 1;
        while ((1 << slotBits) < outstanding)
        {
            slotBits++;
        }
        var mask = (1 << slotBits) - 1;
        var sentAt = new long[1 << slotBits];
        var ids = new int[1 << slotBits];
        var free = new Stack<int>(Enumerable.Range(0, outstanding).Reverse());
        var histogram = new Histogram();
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 4 << 20;
        socket.SendBufferSize = 4 << 20;
        socket.Connect(server);
        var buffer = new byte[65_536];
        long completed = 0, lost = 0, errors = 0, sequence = 0;
        var next = 0;
        var timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var lastSweep = start;
        var last = start;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now < end)
            {
                while (free.Count > 0)
                {
                    var slot = free.Pop();
                    var id = (int)(((++sequence << slotBits) | (uint)slot) & 0x7FFF_FFFF);
                    ids[slot] = id;
                    var frame = frames[next];
                    next = next + 1 == frames.Length ? 0 : next + 1;
                    BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), id);
                    sentAt[slot] = Stopwatch.GetTimestamp();
                    socket.Send(frame);
                }
            }
            else if (free.Count == outstanding || now - end > timeoutTicks)
            {
                break;
            }
            if (socket.Poll(1000, SelectMode.SelectRead))
            {
                do
                {
                    var received = socket.Receive(buffer);
                    var got = Stopwatch.GetTimestamp();
                    if (received < HandleProtocol.EnvelopeSize)
                    {
                        continue;
                    }
                    var id = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(8));
                    var slot = id & mask;
                    // Only the first packet of an answer counts; late answers to timed-out queries are ignored.
                    if (slot >= outstanding || sentAt[slot] == 0 || ids[slot] != id || BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(12)) != 0)
                    {
                        continue;
                    }
                    histogram.Add(got - sentAt[slot]);
                    sentAt[slot] = 0;
                    free.Push(slot);
                    completed++;
                    last = got;
                    if (Program.ResponseCode(buffer.AsSpan(0, received)) != (int)IctGov.Protocols.Handle.ResponseCode.Success)
                    {
                        errors++;
                    }
                }
                while (socket.Available > 0);
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
        for (var slot = 0; slot < outstanding; slot++)
        {
            if (sentAt[slot] != 0)
            {
                lost++;
            }
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
