using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Localization;
using Nexus.Bot.Hosting;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Domain.Moderation;

namespace Nexus.Bot.Feed;

/// <summary>
/// Direct messages that tell members what a moderator did to their case. The moderator's reply never waits for
/// Discord: <see cref="MemberNoticeQueue"/> only enqueues, and <see cref="MemberNoticeSender"/> sends in the
/// background, when the bot has a token. The notice is also shown once on the member's next <c>/mycase show</c>.
/// </summary>
public static class MemberNoticeModule
{
    /// <summary>Registers the queue as the <see cref="IMemberNoticeObserver"/> (unless one is registered, e.g. the shell's) and the sender.</summary>
    public static IServiceCollection AddMemberNoticeMessages(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<MemberNoticeQueue>();
        services.TryAddSingleton<IMemberNoticeObserver>(provider => provider.GetRequiredService<MemberNoticeQueue>());
        services.AddHostedService<MemberNoticeSender>();
        return services;
    }
}

/// <summary>A bounded queue of notices to send; when Discord is slow and it fills, the oldest is dropped (the member still sees it in /mycase).</summary>
public sealed class MemberNoticeQueue() : DropOldestQueue<(MemberNotice Notice, CultureInfo Language)>(Capacity), IMemberNoticeObserver
{
    /// <summary>How many notices may wait.</summary>
    public const int Capacity = 256;

    /// <inheritdoc />
    public ValueTask NoticesCreatedAsync(IReadOnlyList<MemberNotice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            // The member's own locale is unknown here: the server's (the moderator's guild_locale) is the best guess.
            Add((notice, Languages.Server));
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Sends each queued notice as a direct message: opens the DM channel, then posts the sentence with no mentions.
/// A member who doesn't accept direct messages from the server (Discord's 50007) is simply not messaged; any
/// other failure is logged and the next notice is tried.
/// </summary>
public sealed partial class MemberNoticeSender(MemberNoticeQueue queue, IDiscordRestClient rest, OutboundMessaging outbound, ILogger<MemberNoticeSender> logger)
    : BackgroundService
{
    /// <summary>Discord's "Cannot send messages to this user": the member's privacy settings refuse the DM.</summary>
    public const int DirectMessagesClosed = 50007;

    /// <summary>Sends one notice. Returns whether it was delivered (false without a token, or when the member refuses DMs).</summary>
    public async Task<bool> SendAsync(MemberNotice notice, CultureInfo language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!outbound.CanPost)
        {
            return false;
        }

        try
        {
            var channel = await rest.CreateDmChannelAsync(notice.MemberId, cancellationToken);
            await rest.CreateMessageAsync(channel, new MessagePayload { Content = Worded(notice, language), AllowedMentions = AllowedMentions.None }, cancellationToken);
            return true;
        }
        catch (DiscordRestException ex) when (ex.ErrorCode == DirectMessagesClosed)
        {
            Log.DirectMessagesClosed(logger, notice.GuildId, notice.ActionId);
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (notice, language) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(notice, language, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A direct message is a courtesy (the member also sees the notice in /mycase): whatever fails, the next one is tried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.SendFailed(logger, notice.GuildId, notice.ActionId, ex);
            }
        }
    }

    private static string Worded(MemberNotice notice, CultureInfo language)
    {
        using (Languages.Use(language))
        {
            return NoticeText.Of(notice);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5211, Level = LogLevel.Information, Message = "A member of guild {GuildId} doesn't accept direct messages; the notice of action {ActionId} waits for their /mycase")]
        public static partial void DirectMessagesClosed(ILogger logger, ulong guildId, long actionId);

        [LoggerMessage(EventId = 5212, Level = LogLevel.Warning, Message = "Sending the notice of action {ActionId} in guild {GuildId} as a direct message failed")]
        public static partial void SendFailed(ILogger logger, ulong guildId, long actionId, Exception exception);
    }
}
