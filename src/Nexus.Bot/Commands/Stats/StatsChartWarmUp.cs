using Microsoft.Extensions.Hosting;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// Checks at start, in the background, that charts can be drawn (logging the one warning if not), and draws
/// one small chart, so the first <c>/stats</c> does not pay for loading the native library, the fonts and
/// the drawing code.
/// </summary>
internal sealed class StatsChartWarmUp(StatsChart chart, TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(
            () =>
            {
                if (!chart.Available)
                {
                    return;
                }

                // Ten made-up finished cases, enough for one curve; the picture is thrown away.
                var today = time.Today();
                var cases = Enumerable.Range(1, 10)
                    .Select(i => new CaseFacts(i, ApplicationType.Initial, ApplicantStatus.CaCitizen, null, new Timeline(today.AddDays(-100), today.AddDays(-100 + (i * 5)))))
                    .ToList();
                _ = chart.Render(StatsCalculator.Compute(cases, StatsFilter.Default, today));
            },
            stoppingToken);
}
