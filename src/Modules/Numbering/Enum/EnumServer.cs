using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using IctGov.Numbering.Features;
using IctGov.Web.Protocols;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Numbering.Enum;

/// <summary>
/// ENUM over DNS for number portability: a query for the NAPTR records of
/// <c>d.d.…d.8.6.&lt;zone&gt;</c> (the reversed E.164 digits, RFC 6116 §2) is answered from the
/// portability database as of the moment it arrives, with an <c>E2U+pstn:tel</c> record (RFC 4769)
/// whose tel URI carries <c>npdi</c> and, for a ported number, the serving network's
/// <c>rn=…;rn-context=+86</c> (RFC 4694). UDP and TCP (RFC 7766 framing) on one configured port.
/// </summary>
internal sealed class EnumServer(IServiceScopeFactory scopes, IOptions<EnumOptions> options, ILogger<EnumServer> log) : BackgroundService
{
    private Socket? _udp;
    private Socket? _tcp;

    public IPEndPoint? LocalEndPoint => _udp?.LocalEndPoint as IPEndPoint;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.Port >= 0)
        {
            _udp = new Socket(o.BindIPAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            _udp.Bind(new IPEndPoint(o.BindIPAddress, o.Port));
            var port = ((IPEndPoint)_udp.LocalEndPoint!).Port;
            _tcp = new Socket(o.BindIPAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _tcp.Bind(new IPEndPoint(o.BindIPAddress, port));
            _tcp.Listen(256);
            log.LogInformation("ENUM DNS UDP interface on {EndPoint}", _udp.LocalEndPoint);
            log.LogInformation("ENUM DNS TCP interface on {EndPoint}", _tcp.LocalEndPoint);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_udp is null || _tcp is null)
        {
            return;
        }
        await Task.WhenAll(UdpLoopAsync(_udp, stoppingToken),
            TcpAcceptLoop.RunAsync(_tcp, (socket, open) => open < 256 ? ServeTcpAsync(socket, stoppingToken) : null, log, stoppingToken));
    }

    public override void Dispose()
    {
        _udp?.Dispose();
        _tcp?.Dispose();
        base.Dispose();
    }

    private async Task UdpLoopAsync(Socket udp, CancellationToken ct)
    {
        var buffer = new byte[1536];
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult got;
            try
            {
                got = await udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // an ICMP error from an earlier answer: nothing to do
            }
            var answer = await AnswerAsync(buffer.AsMemory(0, got.ReceivedBytes), ct);
            if (answer is not null)
            {
                await udp.SendToAsync(answer, SocketFlags.None, got.RemoteEndPoint, ct);
            }
        }
    }

    private async Task ServeTcpAsync(Socket socket, CancellationToken ct)
    {
        using (socket)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(TimeSpan.FromSeconds(10));
                var length = new byte[2];
                while (await ReadExactlyAsync(socket, length, deadline.Token))
                {
                    var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                    if (!await ReadExactlyAsync(socket, message, deadline.Token))
                    {
                        return;
                    }
                    var answer = await AnswerAsync(message, ct);
                    if (answer is null)
                    {
                        return;
                    }
                    var framed = new byte[answer.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)answer.Length);
                    answer.CopyTo(framed, 2);
                    await socket.SendAsync(framed, SocketFlags.None, ct);
                }
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // The client went away or was too slow: nothing to answer.
            }
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, ct);
            if (n == 0)
            {
                return false;
            }
            filled += n;
        }
        return true;
    }

    /// <summary>The answer to one message, or null for a message not worth answering (a response, or too short to carry an id).</summary>
    internal async Task<byte[]?> AnswerAsync(ReadOnlyMemory<byte> query, CancellationToken ct)
    {
        var question = EnumMessage.Read(query.Span, out var id, out var rcode);
        if (question is null)
        {
            return query.Length < 12 || (query.Span[2] & 0x80) != 0 ? null : EnumMessage.Error(id, rcode, query.Span, null);
        }
        var zone = options.Value.Zone.Split('.');
        if (question.Class != EnumMessage.ClassIn || !question.Labels.TakeLast(zone.Length).SequenceEqual(zone) || question.Labels.Count < zone.Length)
        {
            return EnumMessage.Error(id, EnumMessage.Refused, query.Span, question);
        }
        var digits = question.Labels.Take(question.Labels.Count - zone.Length).ToArray();
        var national = NationalNumber(digits);
        if (national is null)
        {
            return EnumMessage.Error(id, EnumMessage.NxDomain, query.Span, question);
        }
        Contracts.NumberRouting routing;
        await using (var scope = scopes.CreateAsyncScope())
        {
            routing = await scope.ServiceProvider.GetRequiredService<Porting>().RouteAsync(national, null, ct);
        }
        if (routing.Operator is null)
        {
            return EnumMessage.Error(id, EnumMessage.NxDomain, query.Span, question);
        }
        if (question.Type is not (EnumMessage.TypeNaptr or EnumMessage.TypeAny))
        {
            return EnumMessage.Answer(query.Span, question, [], (uint)options.Value.Ttl); // the name exists, with no data of that type
        }
        var e164 = "+86" + national.TrimStart('0');
        var tel = routing.Ported && routing.RoutingNumber is { } rn ? $"tel:{e164};npdi;rn={rn};rn-context=+86" : $"tel:{e164};npdi";
        return EnumMessage.Answer(query.Span, question, [new Naptr(100, 10, "u", "E2U+pstn:tel", $"!^.*$!{tel}!")], (uint)options.Value.Ttl);
    }

    /// <summary>The national number a reversed-digit name stands for: each label one digit, country code 86 first.</summary>
    internal static string? NationalNumber(string[] reversed)
    {
        if (reversed.Length is < 12 or > 15 || reversed.Any(l => l.Length != 1 || !char.IsAsciiDigit(l[0])))
        {
            return null;
        }
        var e164 = string.Concat(reversed.Reverse());
        if (!e164.StartsWith("86", StringComparison.Ordinal))
        {
            return null;
        }
        var rest = e164[2..];
        // Mobile and IoT network codes are 13x–19x; Beijing's area code 10 also begins with 1.
        var national = rest.Length > 1 && rest[0] == '1' && rest[1] != '0' ? rest : "0" + rest;
        return Domain.NumberingPlan.IsNationalNumber(national) ? national : null;
    }
}
