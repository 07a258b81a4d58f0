using System.ComponentModel.DataAnnotations;

namespace Nexus.Discord.Dispatch;

/// <summary>Timing and concurrency of the dispatcher (section <c>Discord:Dispatch</c>).</summary>
public sealed class InteractionDispatchOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discord:Dispatch";

    /// <summary>
    /// When a handler not marked slow has not answered after this long, the dispatcher acknowledges for it
    /// (a deferred reply) and lets it go on. Discord drops an interaction not acknowledged within 3 seconds;
    /// 2 seconds leaves one for the defer itself to reach Discord.
    /// </summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long any handler may run in all; the interaction token lives 15 minutes.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromMinutes(14);

    /// <summary>How long an autocomplete handler may run: it cannot defer, so it must answer inside the 3 seconds.</summary>
    public TimeSpan AutocompleteTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>How many gateway interactions are handled at once.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentInteractions { get; set; } = 16;

    /// <summary>How many interaction ids are remembered to answer a repeated delivery once.</summary>
    [Range(16, 1_000_000)]
    public int RecentInteractionCapacity { get; set; } = 4096;
}
