using System.ComponentModel.DataAnnotations;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// The <c>Statistics</c> section: how late figures may be on a large server while they are refreshed
/// (see docs/statistics.md, "Speed and freshness"). Validated at start like every other section.
/// </summary>
public sealed class StatisticsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statistics";

    /// <summary>How old a large server's figures may be; zero for always exact.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxStaleness { get; set; } = StatsFreshness.Default.MaxStaleness;

    /// <summary>Servers with fewer cases always get exact figures.</summary>
    [Range(1, int.MaxValue)]
    public int ExactBelowCases { get; set; } = StatsFreshness.Default.ExactBelowCases;

    /// <summary>The domain's view of these settings.</summary>
    public StatsFreshness ToFreshness() => new(MaxStaleness, ExactBelowCases);
}
