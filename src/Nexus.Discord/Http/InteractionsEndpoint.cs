using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Crypto;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Json;
using Nexus.Discord.Models;

namespace Nexus.Discord.Http;

/// <summary>Maps Discord's HTTP interactions endpoint.</summary>
public static class InteractionsEndpointExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> (default <c>/interactions</c>, the Interactions Endpoint URL to set in the
    /// Developer Portal) and <c>GET /healthz</c>. Needs <see cref="DiscordServiceCollectionExtensions.AddDiscordHttpInteractions"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints, string pattern = "/interactions")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Resolve now so the Ed25519 choice is logged at start-up, and a bad public key stops the start.
        _ = endpoints.ServiceProvider.GetRequiredService<InteractionSignatureValidator>();
        endpoints.MapPost(pattern, (HttpContext context, InteractionsEndpoint endpoint) => endpoint.HandleAsync(context));
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        return endpoints;
    }
}

/// <summary>
/// <c>POST /interactions</c>: size limit, timestamp freshness and the Ed25519 signature over the raw
/// bytes, all before any parsing; then PING → PONG, or dispatch with the first response as the body.
/// Logs never contain tokens or signatures.
/// </summary>
public sealed partial class InteractionsEndpoint(
    InteractionSignatureValidator signatures,
    IInteractionDispatcher dispatcher,
    RestInteractionResponder rest,
    DispatchTracker tracker,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionsEndpoint> logger)
{
    private const string SignatureHeader = "X-Signature-Ed25519";
    private const string TimestampHeader = "X-Signature-Timestamp";

    // The PONG body is fixed; Discord requires Content-Type application/json on it (reference §2.2).
    private static readonly byte[] PongBody = """{"type":1}"""u8.ToArray();

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Discord's 3 seconds run from the request's arrival.
        var receivedAt = time.GetTimestamp();
        var request = context.Request;
        var response = context.Response;
        var limit = options.Value.MaxRequestBodyBytes;

        if (request.ContentLength > limit)
        {
            LogRejected(logger, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        // Read at most limit + 1 bytes. Discord sends Content-Length, and the server ends the body there, so
        // a buffer of that size will do: renting the limit instead would have every request in flight hold a
        // half-megabyte array for a body of a few kilobytes. Without it (chunked), the limit bounds the read.
        var capacity = request.ContentLength is { } declared ? (int)declared + 1 : limit + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            int length;
            try
            {
                length = await ReadBoundedAsync(request.Body, buffer, capacity, context.RequestAborted);
            }
            catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                // The client went away mid-body: nobody is left to answer.
                LogRejected(logger, 499, "the client closed the connection while sending the body");
                return;
            }
            catch (Exception ex) when (ex is BadHttpRequestException or IOException)
            {
                // A malformed body (bad chunked framing, a chunk size that overflows, a body shorter than its
                // Content-Length) from anyone on the internet: refused like any other bad request, with one line
                // and no stack trace. Kestrel reports some as BadHttpRequestException, others as IOException.
                LogRejected(logger, StatusCodes.Status400BadRequest, "request body could not be read");
                response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            if (length > limit)
            {
                LogRejected(logger, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var body = buffer.AsMemory(0, length);
            var signature = request.Headers[SignatureHeader].ToString();
            var timestamp = request.Headers[TimestampHeader].ToString();
            if (signature.Length == 0 || timestamp.Length == 0)
            {
                await RejectAsync(response, "signature headers missing");
                return;
            }

            if (!IsFresh(timestamp, out var signedAt))
            {
                await RejectAsync(response, "timestamp malformed or outside the freshness window");
                return;
            }

            if (!signatures.IsValid(signature, timestamp, body.Span))
            {
                await RejectAsync(response, "invalid signature");
                return;
            }

            // JSON text must be UTF-8 (RFC 8259 §8.1), but System.Text.Json checks the bytes of a string only
            // when it decodes it: an invalid sequence in a skipped field, or in an option value read later,
            // would get through. One vectorised pass over the (bounded) body refuses it here, once.
            if (!Utf8.IsValid(body.Span))
            {
                LogRejected(logger, StatusCodes.Status400BadRequest, "signed body is not valid UTF-8");
                response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            Interaction? interaction;
            try
            {
                interaction = JsonSerializer.Deserialize(body.Span, DiscordJsonContext.Default.Interaction);
            }
            catch (JsonException)
            {
                interaction = null;
            }

            if (interaction is null || !Enum.IsDefined(interaction.Type))
            {
                LogRejected(logger, StatusCodes.Status400BadRequest, "signed body is not an interaction");
                response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            if (interaction.Type == InteractionType.Ping)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(PongBody, context.RequestAborted);
                return;
            }

            await DispatchAsync(context, new ReceivedInteraction(interaction, receivedAt, signedAt));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadBoundedAsync(Stream body, byte[] buffer, int max, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < max)
        {
            var read = await body.ReadAsync(buffer.AsMemory(total, max - total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private async Task DispatchAsync(HttpContext context, ReceivedInteraction interaction)
    {
        var responder = new HttpInteractionResponder(rest);
        // The dispatch may outlive this request (a slow handler edits the original later), so it runs until
        // the shutdown deadline, not RequestAborted, and the tracker owns it. A stop that begins meanwhile
        // lets it answer: the server stops taking requests, and this one was taken.
        var dispatch = dispatcher.DispatchAsync(interaction, responder, tracker.ShutdownDeadline);
        tracker.Track(dispatch);

        var first = await Task.WhenAny(responder.InitialResponse, dispatch);
        if (first != responder.InitialResponse)
        {
            // No initial response: a repeated delivery (already answered once) or a dispatch that failed
            // before answering. 202 with no body tells Discord the answer goes (or went) another way.
            responder.MarkWritten();
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        try
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, await responder.InitialResponse, DiscordJsonContext.Default.InteractionResponse, context.RequestAborted);
            await context.Response.CompleteAsync();
            responder.MarkWritten();
        }
        catch (Exception exception)
        {
            responder.MarkWritten(exception);
            throw;
        }
    }

    private bool IsFresh(string timestamp, out DateTimeOffset signedAt)
    {
        signedAt = default;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > options.Value.TimestampToleranceSeconds)
        {
            return false;
        }

        signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private Task RejectAsync(HttpResponse response, string reason)
    {
        LogRejected(logger, StatusCodes.Status401Unauthorized, reason);
        response.StatusCode = StatusCodes.Status401Unauthorized;
        return response.WriteAsync("invalid request signature");
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Interaction request refused with {StatusCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int statusCode, string reason);
}
