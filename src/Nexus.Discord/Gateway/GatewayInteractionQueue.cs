using System.Threading.Channels;
using Nexus.Discord.Dispatch;

namespace Nexus.Discord.Gateway;

/// <summary>
/// The hand-over between the gateway receive loop and the dispatcher. The loop only writes here and
/// goes on receiving; it never awaits a handler. Bounded, so a flood waits in the loop rather than
/// growing memory without limit. Each interaction carries the time its frame arrived, from which its
/// 3-second window runs.
/// </summary>
public sealed class GatewayInteractionQueue
{
    private readonly Channel<ReceivedInteraction> _channel = Channel.CreateBounded<ReceivedInteraction>(
        new BoundedChannelOptions(1024) { SingleReader = false, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Where the gateway writes INTERACTION_CREATE payloads.</summary>
    public ChannelWriter<ReceivedInteraction> Writer => _channel.Writer;

    /// <summary>Where the dispatcher pump reads them.</summary>
    public ChannelReader<ReceivedInteraction> Reader => _channel.Reader;
}
