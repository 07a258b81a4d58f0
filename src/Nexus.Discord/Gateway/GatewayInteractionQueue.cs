using System.Threading.Channels;
using Nexus.Discord.Models;

namespace Nexus.Discord.Gateway;

/// <summary>
/// The hand-over between the gateway receive loop and the dispatcher. The loop only writes here and
/// goes on receiving; it never awaits a handler. Bounded, so a flood waits in the loop rather than
/// growing memory without limit.
/// </summary>
public sealed class GatewayInteractionQueue
{
    private readonly Channel<Interaction> _channel = Channel.CreateBounded<Interaction>(
        new BoundedChannelOptions(1024) { SingleReader = false, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Where the gateway writes INTERACTION_CREATE payloads.</summary>
    public ChannelWriter<Interaction> Writer => _channel.Writer;

    /// <summary>Where the dispatcher pump reads them.</summary>
    public ChannelReader<Interaction> Reader => _channel.Reader;
}
