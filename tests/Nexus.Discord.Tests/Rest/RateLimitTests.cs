using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Gateway;

namespace Nexus.Discord.Tests.Rest;

public sealed class RateLimitTests : IDisposable
{
    private const string Token = "FAKE_INTERACTION_TOKEN_not-a-real-token";
    private readonly RestHarness _rest = new(policy: p => p.MaxRateLimitRetries = 3);

    public void Dispose() => _rest.Dispose();

    private static MessagePayload Message(string text) => new() { Content = text };

    private static HttpResponseMessage Ok(int remaining, double resetAfter, string bucket = "bucket-a") =>
        StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"1"}""",
            ("X-RateLimit-Limit", "5"),
            ("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)),
            ("X-RateLimit-Reset-After", resetAfter.ToString(CultureInfo.InvariantCulture)),
            ("X-RateLimit-Bucket", bucket));

    private static HttpResponseMessage FromFixture(string name)
    {
        var example = DiscordExamples.Node(name);
        var response = StubDiscordHandler.Json((HttpStatusCode)(int)example["status"]!, example["body"]!.ToJsonString());
        foreach (var header in example["headers"]!.AsObject())
        {
            if (header.Key != "Content-Type")
            {
                response.Headers.TryAddWithoutValidation(header.Key, (string)header.Value!);
            }
        }

        return response;
    }

    [Fact]
    public async Task An_exhausted_bucket_holds_the_next_request_until_reset_after()
    {
        _rest.Stub.Respond = (_, _) => Ok(remaining: 0, resetAfter: 2.5);
        await _rest.Client.CreateMessageAsync(10, Message("first"), CancellationToken.None);

        var second = _rest.Client.CreateMessageAsync(10, Message("second"), CancellationToken.None);
        await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(2.5));
        Assert.Equal(1, _rest.Stub.Count);

        _rest.Clock.Advance(TimeSpan.FromSeconds(2.4));
        Assert.Equal(1, _rest.Stub.Count);
        Assert.False(second.IsCompleted);

        _rest.Clock.Advance(TimeSpan.FromSeconds(0.1));
        await second;
        Assert.Equal(2, _rest.Stub.Count);
    }

    [Fact]
    public async Task Reset_after_is_preferred_to_the_absolute_reset()
    {
        var farReset = (_rest.Clock.GetUtcNow() + TimeSpan.FromSeconds(100)).ToUnixTimeMilliseconds() / 1000.0;
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"1"}""",
            ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", farReset.ToString(CultureInfo.InvariantCulture)), ("X-RateLimit-Reset-After", "1"));
        await _rest.Client.CreateMessageAsync(10, Message("first"), CancellationToken.None);

        var second = _rest.Client.CreateMessageAsync(10, Message("second"), CancellationToken.None);
        _rest.Clock.Advance(TimeSpan.FromSeconds(1));

        await second;
        Assert.Equal(2, _rest.Stub.Count);
    }

    [Fact]
    public async Task Other_major_parameters_are_not_held_by_an_exhausted_bucket()
    {
        _rest.Stub.Respond = (_, _) => Ok(remaining: 0, resetAfter: 10);
        await _rest.Client.CreateMessageAsync(10, Message("channel 10"), CancellationToken.None);

        await _rest.Client.CreateMessageAsync(11, Message("channel 11"), CancellationToken.None);

        Assert.Equal(2, _rest.Stub.Count);
    }

    [Fact]
    public async Task Routes_sharing_a_bucket_hash_share_its_limit()
    {
        // PATCH and DELETE of @original report the same bucket hash. Once each route has learnt it,
        // exhausting the bucket through one holds the other.
        _rest.Stub.Respond = (_, index) => Ok(remaining: index < 2 ? 3 : 0, resetAfter: 3, bucket: "shared-hash");
        await _rest.Client.EditOriginalResponseAsync(1, Token, Message("edit 1"), CancellationToken.None);
        await _rest.Client.DeleteOriginalResponseAsync(1, Token, CancellationToken.None);
        await _rest.Client.EditOriginalResponseAsync(1, Token, Message("edit 2"), CancellationToken.None);

        var delete = _rest.Client.DeleteOriginalResponseAsync(1, Token, CancellationToken.None);
        await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(3, _rest.Stub.Count);
        _rest.Clock.Advance(TimeSpan.FromSeconds(3));

        await delete;
        Assert.Equal(4, _rest.Stub.Count);
    }

    [Fact]
    public async Task A_429_waits_retry_after_then_succeeds()
    {
        _rest.Stub.Respond = (_, index) => index == 0 ? FromFixture("rate-limit-429.json") : Ok(remaining: 4, resetAfter: 1);

        var call = _rest.Client.CreateMessageAsync(10, Message("hello"), CancellationToken.None);
        await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(1.337));
        _rest.Clock.Advance(TimeSpan.FromSeconds(1.3));
        Assert.Equal(1, _rest.Stub.Count);

        // retry_after in the fixture's body is 1.337 s.
        _rest.Clock.Advance(TimeSpan.FromSeconds(0.037));
        Assert.Equal(1UL, await call);
        Assert.Equal(2, _rest.Stub.Count);
        Assert.Equal(_rest.Stub.Requests[0].BodyText, _rest.Stub.Requests[1].BodyText);
    }

    [Fact]
    public async Task A_global_429_pauses_every_route()
    {
        _rest.Stub.Respond = (request, index) => index == 0 ? FromFixture("rate-limit-429-global.json") : StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"2"}""");

        var first = _rest.Client.CreateMessageAsync(10, Message("a"), CancellationToken.None);
        await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(0.412));
        var otherRoute = _rest.Client.CreateDmChannelAsync(42, CancellationToken.None);
        var interactionRoute = _rest.Client.CreateFollowupMessageAsync(1, Token, Message("b"), CancellationToken.None);

        // The retry and both other calls wait for the end of the pause, interaction routes too.
        await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(0.412), count: 3);
        Assert.Equal(1, _rest.Stub.Count);

        // retry_after 0.412 s in the body wins over the header's whole second.
        _rest.Clock.Advance(TimeSpan.FromSeconds(0.412));
        await Task.WhenAll(first, otherRoute, interactionRoute);
        Assert.Equal(4, _rest.Stub.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_429_becomes_a_clear_exception()
    {
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(HttpStatusCode.TooManyRequests, """{"message":"You are being rate limited.","retry_after":1,"global":false}""");

        var call = _rest.Client.CreateMessageAsync(10, Message("x"), CancellationToken.None);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await WaitFor.UntilAsync(() => _rest.Stub.Count == attempt, "attempt " + attempt);
            await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(1));
            _rest.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => call);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("POST /channels/{channel_id}/messages", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, _rest.Stub.Count);
    }

    [Fact]
    public async Task A_waiting_call_can_be_cancelled_and_sends_nothing()
    {
        _rest.Stub.Respond = (_, _) => Ok(remaining: 0, resetAfter: 60);
        await _rest.Client.CreateMessageAsync(10, Message("first"), CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = _rest.Client.CreateMessageAsync(10, Message("second"), cancel.Token);
        await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(60));
        await cancel.CancelAsync();

        // The cancelled call has ended: nothing of it is left to send when the bucket resets.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _rest.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, _rest.Stub.Count);
    }

    [Fact]
    public async Task No_request_is_lost_and_no_bucket_is_overdrawn_under_many_concurrent_callers()
    {
        // A fake Discord with a 5-per-second bucket per channel, reporting it truthfully in the headers.
        var sentAt = new ConcurrentBag<(string Path, DateTimeOffset At)>();
        var perWindow = new ConcurrentDictionary<string, int>();
        _rest.Stub.Respond = (request, _) =>
        {
            var now = _rest.Clock.GetUtcNow();
            sentAt.Add((request.Path, now));
            var window = request.Path + "@" + now.ToUnixTimeSeconds();
            var used = perWindow.AddOrUpdate(window, 1, (_, n) => n + 1);
            var resetAfter = 1 - ((now.ToUnixTimeMilliseconds() % 1000) / 1000.0);
            return used > 5
                ? StubDiscordHandler.Json(HttpStatusCode.TooManyRequests, $$"""{"retry_after":{{resetAfter.ToString(CultureInfo.InvariantCulture)}},"global":false}""")
                : Ok(remaining: 5 - used, resetAfter: resetAfter, bucket: "channel-messages");
        };

        var calls = Enumerable.Range(0, 60)
            .Select(i => _rest.Client.CreateMessageAsync((ulong)(10 + (i % 3)), Message("m" + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None))
            .ToList();
        var all = Task.WhenAll(calls);
        for (var step = 0; step < 200 && !all.IsCompleted; step++)
        {
            await WaitFor.TryUntilAsync(() => all.IsCompleted, TimeSpan.FromMilliseconds(20));
            _rest.Clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        await all;
        var bodies = _rest.Stub.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.BodyText).ToList();
        Assert.Equal(60, bodies.Distinct().Count());
        Assert.Equal(60, bodies.Count);
        Assert.All(perWindow.Values, used => Assert.True(used <= 5, "a bucket was overdrawn"));
    }

    [Fact]
    public async Task A_storm_of_global_429s_sends_nothing_during_a_pause_and_loses_no_call()
    {
        using var rest = new RestHarness(policy: p => p.MaxRateLimitRetries = 10);
        var log = new ConcurrentQueue<(DateTimeOffset At, bool Limited)>();
        rest.Stub.Respond = (_, index) =>
        {
            var limited = index < 10;
            log.Enqueue((rest.Clock.GetUtcNow(), limited));
            return limited
                ? StubDiscordHandler.Json(HttpStatusCode.TooManyRequests, """{"message":"You are being rate limited.","retry_after":1,"global":true}""", ("X-RateLimit-Global", "true"))
                : StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"1"}""");
        };

        var calls = Enumerable.Range(0, 20)
            .Select(i => rest.Client.CreateMessageAsync((ulong)(100 + i), Message("storm " + i.ToString(CultureInfo.InvariantCulture)), CancellationToken.None))
            .ToList();
        var all = Task.WhenAll(calls);
        for (var step = 0; step < 200 && !all.IsCompleted; step++)
        {
            await WaitFor.TryUntilAsync(() => all.IsCompleted, TimeSpan.FromMilliseconds(20));
            rest.Clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        await all;
        var entries = log.ToList();
        Assert.Equal(30, entries.Count);
        foreach (var pause in entries.Where(e => e.Limited))
        {
            Assert.DoesNotContain(entries, e => e.At > pause.At && e.At < pause.At + TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task The_global_budget_holds_ordinary_routes_but_not_interaction_routes()
    {
        using var rest = new RestHarness(policy: p => p.GlobalRequestsPerSecond = 2);

        await rest.Client.CreateMessageAsync(1, Message("a"), CancellationToken.None);
        await rest.Client.CreateMessageAsync(2, Message("b"), CancellationToken.None);
        var third = rest.Client.CreateMessageAsync(3, Message("c"), CancellationToken.None);
        await rest.Client.CreateFollowupMessageAsync(1, Token, Message("interaction"), CancellationToken.None);
        await rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(3, rest.Stub.Count);
        Assert.False(third.IsCompleted);

        rest.Clock.Advance(TimeSpan.FromSeconds(1));
        await third;
        Assert.Equal(4, rest.Stub.Count);
    }

    [Fact]
    public async Task An_idempotent_request_is_retried_after_a_5xx_with_backoff()
    {
        _rest.Stub.Respond = (_, index) => index == 0
            ? StubDiscordHandler.Json(HttpStatusCode.BadGateway, """{"message":"no gateway","code":0}""")
            : StubDiscordHandler.Json(HttpStatusCode.OK, "[]");

        var call = _rest.Client.BulkOverwriteGlobalCommandsAsync(1, [], CancellationToken.None);
        await _rest.Clock.WaitForTimerDueInAsync(new DiscordRestPolicy().ServerErrorBaseDelay);
        Assert.Equal(1, _rest.Stub.Count);

        _rest.Clock.Advance(new DiscordRestPolicy().ServerErrorBaseDelay);
        await call;
        Assert.Equal(2, _rest.Stub.Count);
    }

    [Fact]
    public async Task A_follow_up_post_is_not_retried_after_a_5xx_so_it_is_never_posted_twice()
    {
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(HttpStatusCode.InternalServerError, """{"message":"oops","code":0}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => _rest.Client.CreateFollowupMessageAsync(1, Token, Message("once"), CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(1, _rest.Stub.Count);
    }

    [Fact]
    public async Task A_network_failure_is_retried_for_an_idempotent_request_but_not_for_a_follow_up()
    {
        _rest.Stub.Respond = (request, index) => request.Method == HttpMethod.Post || index == 0
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused")
            : StubDiscordHandler.Json(HttpStatusCode.OK, "[]");

        var put = _rest.Client.BulkOverwriteGlobalCommandsAsync(1, [], CancellationToken.None);
        await _rest.Clock.WaitForTimerDueInAsync(new DiscordRestPolicy().ServerErrorBaseDelay);
        _rest.Clock.Advance(new DiscordRestPolicy().ServerErrorBaseDelay);
        await put;
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => _rest.Client.CreateFollowupMessageAsync(1, Token, Message("once"), CancellationToken.None));

        Assert.Equal(3, _rest.Stub.Count);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persistent_5xx_on_an_idempotent_request_gives_up_after_the_bounded_retries()
    {
        _rest.Stub.Respond = (_, _) => StubDiscordHandler.Json(HttpStatusCode.ServiceUnavailable, """{"message":"down","code":0}""");
        var policy = new DiscordRestPolicy();

        var call = _rest.Client.DeleteOriginalResponseAsync(1, Token, CancellationToken.None);
        for (var attempt = 0; attempt < policy.MaxServerErrorRetries; attempt++)
        {
            await WaitFor.UntilAsync(() => _rest.Stub.Count == attempt + 1, "attempt " + attempt);
            await _rest.Clock.WaitForTimerDueInAsync(policy.ServerErrorDelay(attempt));
            _rest.Clock.Advance(policy.ServerErrorDelay(attempt));
        }

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => call);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(policy.MaxServerErrorRetries + 1, _rest.Stub.Count);
    }

    [Fact]
    public async Task Rate_limit_logs_name_the_route_template_never_the_interaction_token()
    {
        _rest.Stub.Respond = (_, index) => index == 0 ? FromFixture("rate-limit-429.json") : StubDiscordHandler.Json(HttpStatusCode.OK, """{"id":"1"}""");

        var call = _rest.Client.CreateFollowupMessageAsync(1, Token, Message("x"), CancellationToken.None);
        await _rest.Clock.WaitForTimerDueInAsync(TimeSpan.FromSeconds(1.337));
        _rest.Clock.Advance(TimeSpan.FromSeconds(2));
        await call;

        Assert.Contains("POST /webhooks/{application_id}/{interaction_token}", _rest.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _rest.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(RestHarness.BotToken, _rest.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_buckets_of_finished_interactions_are_not_kept()
    {
        for (var i = 0; i < 20; i++)
        {
            await _rest.Client.CreateFollowupMessageAsync(1, Token + i.ToString(CultureInfo.InvariantCulture), Message("x"), CancellationToken.None);
        }

        Assert.Equal(0, _rest.Limiter.BucketCount);
    }
}
