using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace IctGov.Web.Protocols;

/// <summary>
/// The accept loop of the platform's own TCP protocol servers (the Handle node, WHOIS), which listen on their
/// own ports beside the web host: accept until stopped, let the server admit or refuse each connection
/// (refused ones are closed at once, never queued, so a flood costs neither memory nor file handles), and on
/// stopping wait for the connections being served.
/// </summary>
public static class TcpAcceptLoop
{
    /// <summary>
    /// Runs the loop on a bound, listening <paramref name="listener"/>. <paramref name="admit"/> gets each accepted
    /// socket and how many connections are being served, and returns the task serving it (which then owns the
    /// socket) or null to refuse it.
    /// </summary>
    public static async Task RunAsync(Socket listener, Func<Socket, int, Task?> admit, ILogger log, CancellationToken stoppingToken)
    {
        var connections = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                log.LogDebug("TCP accept on {EndPoint}: {Error}", listener.LocalEndPoint, e.SocketErrorCode);
                continue;
            }
            connections.RemoveAll(t => t.IsCompleted);
            if (admit(socket, connections.Count) is { } serving)
            {
                connections.Add(serving);
            }
            else
            {
                socket.Dispose();
            }
        }
        await Task.WhenAll(connections);
    }
}
