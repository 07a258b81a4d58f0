using Microsoft.Extensions.Hosting;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// Checks at start that charts can be drawn (logging the one warning if not), in the background, so the
/// first <c>/stats</c> does not pay for loading the native library and fonts.
/// </summary>
internal sealed class StatsChartWarmUp(StatsChart chart) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => _ = chart.Available, stoppingToken);
}
