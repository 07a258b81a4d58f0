using System.ComponentModel.DataAnnotations;

namespace Nexus.Discord.Dispatch;

/// <summary>Timing and concurrency of the dispatcher (section <c>Discord:Dispatch</c>).</summary>
public sealed class InteractionDispatchOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discord:Dispatch";

    /// <summary>
    /// How long a handler not marked slow may run. Discord drops an interaction not acknowledged within
    /// 3 seconds, so this stays below that, leaving time to send the error reply instead.
    /// </summary>
    public TimeSpan FastHandlerTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>How long a slow (deferred) handler may run; the interaction token lives 15 minutes.</summary>
    public TimeSpan SlowHandlerTimeout { get; set; } = TimeSpan.FromMinutes(14);

    /// <summary>How many gateway interactions are handled at once.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentInteractions { get; set; } = 16;

    /// <summary>How many interaction ids are remembered to answer a repeated delivery once.</summary>
    [Range(16, 1_000_000)]
    public int RecentInteractionCapacity { get; set; } = 4096;
}
