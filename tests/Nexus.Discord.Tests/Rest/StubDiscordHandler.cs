using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Nexus.Discord.Tests.Rest;

/// <summary>One request as the stub saw it, captured when it was sent.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    string Path,
    string? Authorization,
    string? UserAgent,
    string? ContentType,
    byte[] Body,
    HttpContent? Content)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>A fake Discord: records every request and answers with what the test scripts.</summary>
internal sealed class StubDiscordHandler(Func<RecordedRequest, int, HttpResponseMessage>? respond = null) : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _count;

    public Func<RecordedRequest, int, HttpResponseMessage> Respond { get; set; } = respond ?? ((_, _) => Json(HttpStatusCode.OK, "{}"));

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int Count => Volatile.Read(ref _count);

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!.AbsolutePath,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("User-Agent", out var agents) ? string.Join(" ", agents) : null,
            request.Content?.Headers.ContentType?.ToString(),
            body,
            request.Content);
        _requests.Enqueue(recorded);
        var index = Interlocked.Increment(ref _count) - 1;
        return Respond(recorded, index);
    }
}
