namespace Nexus.Discord.Rest;

/// <summary>
/// What the handlers need to know about a request without parsing its URL: the route template (safe to
/// log, because interaction tokens are only placeholders in it), the major parameter that splits rate
/// limit buckets, and two properties of the endpoint.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Template">The path under <c>/v10</c> with placeholders, e.g. <c>/channels/{channel_id}/messages</c>.</param>
/// <param name="MajorParameter">
/// The top-level resource (channel, guild, or webhook plus token) Discord tracks limits by; empty when the
/// route has none. May hold a secret (an interaction token), so it is never logged.
/// </param>
/// <param name="IsInteraction">
/// Interaction callback, <c>@original</c> and follow-up routes: authorised by the token in the path and
/// not counted against the global limit.
/// </param>
/// <param name="RetrySafe">Whether resending after a 5xx or a network failure cannot duplicate an effect.</param>
internal sealed record DiscordRoute(HttpMethod Method, string Template, string MajorParameter, bool IsInteraction, bool RetrySafe)
{
    /// <summary>The request option the client sets and the handlers read.</summary>
    public static readonly HttpRequestOptionsKey<DiscordRoute> OptionKey = new("Nexus.Discord.Route");

    /// <summary>The bucket key until Discord tells us the bucket hash.</summary>
    public string RouteKey => Method.Method + " " + Template;

    /// <summary>What a log line may show.</summary>
    public string Display => Method.Method + " " + Template;

    /// <summary>
    /// The route a request carries, or a conservative one built from the request itself for a request the
    /// client did not build (the path is then the template, so nothing of it is logged).
    /// </summary>
    public static DiscordRoute Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(OptionKey, out var route))
        {
            return route;
        }

        var method = request.Method;
        var idempotent = method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Patch || method == HttpMethod.Delete;
        return new DiscordRoute(method, "(unnamed route)", request.RequestUri?.AbsolutePath ?? "", IsInteraction: false, RetrySafe: idempotent);
    }
}
