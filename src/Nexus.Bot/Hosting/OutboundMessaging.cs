using Nexus.Bot.Localization;
using Nexus.Discord.Hosting;

namespace Nexus.Bot.Hosting;

/// <summary>
/// Whether the bot can send messages of its own accord (feed posts, members' direct messages), rather than only
/// answer interactions. Answers go through the interaction's token; anything else needs the bot token, which
/// HTTP mode may run without. <c>/config feed</c> refuses and <c>/config show</c> says so when it can't.
/// </summary>
/// <param name="CanPost">True when posts and direct messages can be sent.</param>
public sealed record OutboundMessaging(bool CanPost)
{
    /// <summary>Posting works (the gateway, HTTP mode with a token, the shell, which prints).</summary>
    public static OutboundMessaging Available { get; } = new(true);

    /// <summary>
    /// Why not, for moderators, when <see cref="CanPost"/> is false: in the language of the reply being built,
    /// not of the start-up that decided it.
    /// </summary>
    public string? WhyNot => CanPost ? null : Strings.Config_NoBotToken;

    /// <summary>What the configured Discord options allow.</summary>
    public static OutboundMessaging For(DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Token)
            ? new(false)
            : Available;
    }
}
