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

    /// <summary>
    /// How many handlers run at once, whatever the transport. The others wait for a turn; their acknowledgement
    /// does not, since <see cref="DeferAfter"/> counts from when the interaction arrived.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentInteractions { get; set; } = 16;

    /// <summary>
    /// The most interaction ids remembered to answer a repeated delivery once. Ids are kept for the replay
    /// window (<c>Discord:TimestampToleranceSeconds</c>, and at least the token's 15 minutes) and this only
    /// bounds memory: at the default, about 6 MB, 15 minutes hold a sustained 220 interactions a second.
    /// </summary>
    [Range(16, 1_000_000)]
    public int RecentInteractionCapacity { get; set; } = 200_000;
}
