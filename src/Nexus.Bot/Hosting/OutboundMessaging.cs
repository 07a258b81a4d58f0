using Nexus.Discord.Hosting;

namespace Nexus.Bot.Hosting;

/// <summary>
/// Whether the bot can send messages of its own accord (feed posts, members' direct messages), rather than only
/// answer interactions. Answers go through the interaction's token; anything else needs the bot token, which
/// HTTP mode may run without. <c>/config feed</c> refuses and <c>/config show</c> says so when it can't.
/// </summary>
/// <param name="CanPost">True when posts and direct messages can be sent.</param>
/// <param name="WhyNot">Why not, for moderators, when <paramref name="CanPost"/> is false.</param>
public sealed record OutboundMessaging(bool CanPost, string? WhyNot)
{
    /// <summary>Posting works (the gateway, HTTP mode with a token, the shell, which prints).</summary>
    public static OutboundMessaging Available { get; } = new(true, null);

    /// <summary>What the configured Discord options allow.</summary>
    public static OutboundMessaging For(DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Token)
            ? new(false, "this bot answers commands over HTTP without a bot token (Discord:Token), so it can't post to channels or send direct messages")
            : Available;
    }
}
