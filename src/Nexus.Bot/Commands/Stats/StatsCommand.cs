using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// <c>/stats [type] [status] [centre] [period]</c>: how long each stage takes in this server. Public: the
/// figures are about everyone and name no one.
/// </summary>
public static class StatsCommand
{
    /// <summary>The command definition.</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("stats", "How long each NEXUS stage takes, from this server's cases")
        .Contexts(InteractionContextType.Guild)
        .AddFilterOptions("Initial applications (default) or renewals", "Which applications count, by application date (default 24 months)")
        .HandledBy<StatsHandler>()
        .Build();

    /// <summary>Reads the options into a statistics filter; a period sets the first application date counted.</summary>
    public static StatsFilter Filter(CommandOptions options, EnrolmentCentres centres, DateOnly today) => FilterOptions.ToStatsFilter(options, centres, today);
}

/// <summary>
/// Answers <c>/stats</c>: reads the filter, asks statistics once, shows the report with its chart (from the
/// chart cache when warm), or with the text trend when charts can't be drawn here.
/// </summary>
public sealed class StatsHandler(StatsService stats, StatsChartCache charts, EnrolmentCentres centres) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return InteractionResult.Failure(Text.Error(guild.Error!));
        }

        var filter = StatsCommand.Filter(context.Options, centres, await stats.TodayAsync(guild.Value, cancellationToken));
        var report = await stats.GetStatsAsync(guild.Value, filter, cancellationToken);

        // The reply is public: it speaks the server's language (guild_locale), as the feed does.
        using var server = Languages.Use(Languages.Server);
        var png = charts.GetOrRender(guild.Value, report);
        var embed = StatsEmbed.Build(report, centres, png is null ? null : StatsChart.FileName);
        return InteractionResult.Reply(InteractionMessage.WithEmbeds([embed]) with
        {
            File = png is null ? null : new FileUpload(StatsChart.FileName, png, "image/png"),
        });
    }
}
