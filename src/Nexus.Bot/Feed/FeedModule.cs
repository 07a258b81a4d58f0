using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Localization;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;

namespace Nexus.Bot.Feed;

/// <summary>
/// The feed: milestone updates posted anonymously to the channel set with <c>/config feed channel</c>. The
/// member's update never waits for Discord: <see cref="FeedQueue"/> only enqueues, and
/// <see cref="FeedPublisher"/> posts in the background.
/// </summary>
public static class FeedModule
{
    /// <summary>
    /// Registers the queue as the <see cref="ICaseChangeObserver"/> (unless one is registered already, e.g.
    /// the shell's, which prints instead) and the background publisher.
    /// </summary>
    public static IServiceCollection AddFeed(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<FeedQueue>();
        services.TryAddSingleton<ICaseChangeObserver>(provider => provider.GetRequiredService<FeedQueue>());
        services.AddHostedService<FeedPublisher>();
        return services;
    }
}

/// <summary>
/// A bounded queue of recorded milestones. When Discord is slow and it fills, the oldest news is dropped:
/// the feed is a courtesy, and a member's update must never wait for it.
/// </summary>
public sealed class FeedQueue() : DropOldestQueue<FeedItem>(Capacity), ICaseChangeObserver
{
    /// <summary>How many updates may wait.</summary>
    public const int Capacity = 256;

    /// <inheritdoc />
    public ValueTask MilestoneRecordedAsync(MilestoneRecorded change, CancellationToken cancellationToken)
    {
        // Called inside the member's interaction: its guild_locale is the language of the post everyone reads.
        Add(new FeedItem(change, Languages.Server));
        return ValueTask.CompletedTask;
    }
}

/// <summary>A recorded milestone waiting to be posted, with the server's language at the time.</summary>
/// <param name="Change">The milestone change.</param>
/// <param name="Language">The language of the post (the interaction's <c>guild_locale</c>).</param>
public sealed record FeedItem(MilestoneRecorded Change, CultureInfo Language);

/// <summary>
/// Posts each queued milestone to its server's feed channel, when one is set. A failure (no access to the
/// channel, Discord down) is logged and the next update is tried: the publisher never stops the bot.
/// </summary>
public sealed partial class FeedPublisher(FeedQueue queue, IGuildSettingsRepository settings, IDiscordRestClient rest, ILogger<FeedPublisher> logger) : BackgroundService
{
    /// <summary>Posts one update, if the server has a feed channel and the update is news. Returns whether it posted.</summary>
    public async Task<bool> PublishAsync(FeedItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await FeedPost.ResolveAsync(item.Change, item.Language, settings, cancellationToken) is not { } post)
        {
            return false;
        }

        await rest.CreateMessageAsync(post.ChannelId, new MessagePayload { Content = post.Text, AllowedMentions = AllowedMentions.None }, cancellationToken);
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await PublishAsync(change, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The feed is a courtesy: whatever fails for one post, the next one is tried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.PostFailed(logger, change.Change.GuildId, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Posting a milestone update to the feed channel of guild {GuildId} failed")]
        public static partial void PostFailed(ILogger logger, ulong guildId, Exception exception);
    }
}

/// <summary>
/// What one milestone change posts, and where: the anonymous sentence and the server's feed channel, or
/// nothing when the feed is off or the change is not worth a post. Shared by the Discord publisher and the
/// shell, so both post exactly the same thing.
/// </summary>
/// <param name="ChannelId">The feed channel.</param>
/// <param name="Text">The anonymous sentence.</param>
public sealed record FeedPost(ulong ChannelId, string Text)
{
    /// <summary>The post for <paramref name="change"/> in <paramref name="language"/> (the server's), or null.</summary>
    public static async Task<FeedPost?> ResolveAsync(MilestoneRecorded change, CultureInfo language, IGuildSettingsRepository settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(settings);
        string? sentence;
        using (Languages.Use(language))
        {
            sentence = FeedSentence.Describe(change);
        }

        return sentence is not null
            && (await settings.GetAsync(change.GuildId, cancellationToken))?.FeedChannelId is { } channel
            ? new FeedPost(channel, sentence)
            : null;
    }
}
