using System.Threading.Channels;

namespace Nexus.Bot.Feed;

/// <summary>
/// What a member's interaction hands to a background sender (the feed, notices by direct message): adding never
/// waits, and when Discord is slow and the queue fills, the oldest item is dropped. What is dropped is a courtesy
/// (a feed post, a DM whose notice the member still sees in <c>/mycase show</c>); a member's reply never waits.
/// </summary>
/// <typeparam name="T">An item to send.</typeparam>
public abstract class DropOldestQueue<T>
{
    private readonly Channel<T> _channel;

    /// <summary>Creates the queue holding at most <paramref name="capacity"/> items.</summary>
    protected DropOldestQueue(int capacity) =>
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>The waiting items, for the one background sender.</summary>
    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="item"/> (dropping the oldest when full); never waits.</summary>
    protected void Add(T item) => _channel.Writer.TryWrite(item);
}
