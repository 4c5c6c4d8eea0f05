using System.Net;
using System.Net.Sockets;
using System.Text;
using IctGov.Kernel.RateLimiting;
using IctGov.Resources.Features;
using IctGov.Web.Protocols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Resources.Whois;

/// <summary>
/// The WHOIS server (RFC 3912) on its own TCP port, run by <c>ictgov serve</c> beside the web host: a client
/// connects, sends one query line (CRLF), receives the answer and the server closes. The line is bounded
/// (<see cref="WhoisOptions.MaxQueryBytes"/>) and must arrive within <see cref="WhoisOptions.QueryTimeout"/>
/// however slowly its bytes trickle; each client address has a token bucket
/// (<see cref="WhoisOptions.RequestsPerSecond"/>, <see cref="WhoisOptions.Burst"/>); connections past
/// <see cref="WhoisOptions.MaxConnections"/> are closed at once. Every refusal is a "% Error:" line.
/// </summary>
internal sealed class WhoisListener(IServiceScopeFactory scopes, IOptions<WhoisOptions> options, TimeProvider time, ILogger<WhoisListener> log) : BackgroundService
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly ClientTokenBuckets<IPAddress> _limiter = new(time, () => (options.Value.RequestsPerSecond, options.Value.Burst));
    private Socket? _listener;

    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.Port >= 0)
        {
            _listener = new Socket(o.BindIPAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(o.BindIPAddress, o.Port));
            _listener.Listen(512);
            log.LogInformation("WHOIS TCP interface on {EndPoint}", _listener.LocalEndPoint);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is null)
        {
            return;
        }
        await TcpAcceptLoop.RunAsync(_listener, (socket, open) => open < options.Value.MaxConnections ? ServeOneAsync(socket, stoppingToken) : null, log, stoppingToken);
    }

    private async Task ServeOneAsync(Socket socket, CancellationToken stoppingToken)
    {
        try
        {
            using (socket)
            {
                await ServeAsync(socket, stoppingToken);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            // The client went away, or took too long, or the server is stopping: nothing to answer.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "WHOIS connection failed");
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var remote = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        remote = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        var buffer = new byte[o.MaxQueryBytes];
        var filled = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(o.QueryTimeout);
        int end;
        while ((end = Array.IndexOf(buffer, (byte)'\n', 0, filled)) < 0)
        {
            if (filled == buffer.Length)
            {
                await SendAsync(socket, $"% Error: query longer than {o.MaxQueryBytes} bytes\r\n", stoppingToken, drainRest: true);
                return;
            }
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, deadline.Token);
            if (read == 0)
            {
                // Closed without a line end: answer what arrived, if anything.
                end = filled;
                break;
            }
            filled += read;
        }
        if (!_limiter.TryAcquire(remote))
        {
            await SendAsync(socket, "% Error: rate limit exceeded; try again later (查询过于频繁，请稍后再试)\r\n", stoppingToken);
            return;
        }
        var query = WhoisQuery.Parse(buffer.AsSpan(0, end));
        string answer;
        await using (var scope = scopes.CreateAsyncScope())
        {
            answer = await scope.ServiceProvider.GetRequiredService<WhoisResponder>().AnswerAsync(query, stoppingToken);
        }
        await SendAsync(socket, answer, stoppingToken);
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken ct, bool drainRest = false)
    {
        await socket.SendAsync(Utf8.GetBytes(text), SocketFlags.None, ct);
        socket.Shutdown(SocketShutdown.Send);
        // Closing with unread bytes would reset the connection, and the client could lose the answer it has not
        // read yet: drop what has arrived, and after an overlong line wait briefly for the rest of it.
        if (!drainRest)
        {
            var rest = new byte[1024];
            while (socket.Available > 0 && socket.Receive(rest) > 0)
            {
            }
            return;
        }
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(ct);
        drain.CancelAfter(TimeSpan.FromSeconds(1));
        var sink = new byte[4096];
        for (var total = 0; total < 64 * 1024;)
        {
            var read = await socket.ReceiveAsync(sink, SocketFlags.None, drain.Token);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }
}
