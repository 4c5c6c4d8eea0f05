using System.Net;
using IctGov.Protocols.Handle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// The HTTP interface as Handle.Net offers it: <c>POST {path}/{handle}</c> with <c>Content-Type: application/x-hdl-message</c>,
/// the body an envelope and a message, the answer likewise. Served by the platform's web host.
/// </summary>
internal static class HandleHttpInterface
{
    /// <summary>Maps the HTTP interface under <see cref="HandleNodeOptions.HttpPath"/>.</summary>
    public static IEndpointRouteBuilder MapHandleHttpInterface(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var path = app.ServiceProvider.GetRequiredService<IOptions<HandleNodeOptions>>().Value.HttpPath.TrimEnd('/');
        app.MapPost(path + "/{**handle}", PostAsync).WithName("HandleHttpInterface").ExcludeFromDescription();
        return app;
    }

    private static async Task PostAsync(HttpContext context)
    {
        var processor = context.RequestServices.GetRequiredService<HandleRequestProcessor>();
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith(HandleProtocol.HttpMimeType, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        const int limit = HandleProtocol.EnvelopeSize + HandleProtocol.MaxMessageLength;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        using var body = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (body.Length + read > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            body.Write(chunk, 0, read);
        }
        var bytes = body.ToArray();
        HandleReply reply;
        try
        {
            var envelope = MessageEnvelope.Read(bytes);
            var message = bytes.AsMemory(HandleProtocol.EnvelopeSize);
            reply = message.Length < envelope.MessageLength
                ? HandleRequestProcessor.ProtocolError(envelope, $"a message of {envelope.MessageLength} bytes ({message.Length} sent)")
                : await processor.ProcessAsync(envelope, message[..envelope.MessageLength], context.Connection.RemoteIpAddress ?? IPAddress.None, context.RequestAborted);
        }
        catch (HandleProtocolException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(e.Message, context.RequestAborted);
            return;
        }
        context.Response.ContentType = HandleProtocol.HttpMimeType;
        // The reference client reads the body straight off the socket: no chunked encoding, so the length goes first.
        context.Response.ContentLength = reply.FrameLength;
        // Straight into the response's pipe: no frame array per answer.
        reply.WriteFrame(context.Response.BodyWriter);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
