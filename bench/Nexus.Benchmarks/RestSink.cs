using System.Net;
using System.Text;

namespace Nexus.Benchmarks;

/// <summary>
/// Discord's REST API as far as the benchmarks need it: every request (an edit of a deferred reply, the
/// <c>/stats</c> chart's multipart upload, a follow-up) is read whole and answered 200 with a minimal message, at
/// once. Without it those calls would fail and be retried while holding the bot's handler slots, and the
/// scenarios would measure the retries instead of the bot.
/// </summary>
internal sealed class RestSink : IDisposable
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("""{"id":"1","channel_id":"43"}""");
    private readonly HttpListener _listener = new();
    private long _requests;

    private RestSink(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}/api";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>The one sink of this benchmark run, started on first use.</summary>
    public static RestSink Shared => LazyShared.Value;

    private static readonly Lazy<RestSink> LazyShared = new(() => new RestSink(BotProcess.FreePort()));

    /// <summary>What the bot takes as <c>Discord:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using var response = context.Response;
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength64 = Message.Length;
                await response.OutputStream.WriteAsync(Message);
                Interlocked.Increment(ref _requests);
            });
        }
    }
}
