using System.Collections.Concurrent;
using Nexus.Bot.Feed;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;

namespace Nexus.Bot.Shell;

/// <summary>
/// The shell's feed: with no Discord to post to, the sentence the feed channel would get is kept and shown
/// after the command that caused it, so <c>/config feed</c> can be tried locally.
/// </summary>
internal sealed class ShellFeed(IGuildSettingsRepository settings) : ICaseChangeObserver
{
    private readonly ConcurrentQueue<FeedPost> _posts = new();

    /// <inheritdoc />
    public async ValueTask MilestoneRecordedAsync(MilestoneRecorded change, CancellationToken cancellationToken)
    {
        if (await FeedPost.ResolveAsync(change, settings, cancellationToken) is { } post)
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
