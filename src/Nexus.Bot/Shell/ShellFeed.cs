using Nexus.Bot.Localization;
using System.Collections.Concurrent;
using Nexus.Bot.Feed;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;

namespace Nexus.Bot.Shell;

/// <summary>
/// The shell's feed: with no Discord to post to, the sentence the feed channel would get is kept and shown
/// after the command that caused it, so <c>/config feed</c> can be tried locally.
/// </summary>
/// <remarks>Members' direct messages about moderator actions are kept and shown the same way.</remarks>
internal sealed class ShellFeed(IGuildSettingsRepository settings) : ICaseChangeObserver, IMemberNoticeObserver
{
    private readonly ConcurrentQueue<FeedPost> _posts = new();
    private readonly ConcurrentQueue<MemberNotice> _notices = new();

    /// <inheritdoc />
    public ValueTask NoticesCreatedAsync(IReadOnlyList<MemberNotice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            _notices.Enqueue(notice);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The direct messages sent since the last call, oldest first.</summary>
    public IReadOnlyList<MemberNotice> DrainNotices()
    {
        var notices = new List<MemberNotice>();
        while (_notices.TryDequeue(out var notice))
        {
            notices.Add(notice);
        }

        return notices;
    }

    /// <inheritdoc />
    public async ValueTask MilestoneRecordedAsync(MilestoneRecorded change, CancellationToken cancellationToken)
    {
        if (await FeedPost.ResolveAsync(change, Languages.Server, settings, cancellationToken) is { } post)
        {
            _posts.Enqueue(post);
        }
    }

    /// <summary>The posts made since the last call, oldest first.</summary>
    public IReadOnlyList<FeedPost> Drain()
    {
        var posts = new List<FeedPost>();
        while (_posts.TryDequeue(out var post))
        {
            posts.Add(post);
        }

        return posts;
    }
}
