using Nexus.Bot.Commands.Common;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// <c>/stats [type] [status] [centre] [period]</c>: how long each stage takes in this server. Public: the
/// figures are about everyone and name no one.
/// </summary>
public static class StatsCommand
{
    /// <summary>The period choices: which application dates count. 24 months is the default, as in <see cref="StatsFilter"/>.</summary>
    public static IReadOnlyList<(string Value, string Name, int? Months)> Periods { get; } =
    [
        ("6m", "Applied in the last 6 months", 6),
        ("12m", "Applied in the last 12 months", 12),
        ("24m", "Applied in the last 24 months (default)", StatsFilter.DefaultPeriodMonths),
        ("all", "All cases, however old", null),
    ];

    /// <summary>The command definition.</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("stats", "How long each NEXUS stage takes, from this server's cases")
        .Contexts(InteractionContextType.Guild)
        .String("type", "Initial applications (default) or renewals", configure: o => o.Choices(CaseOptions.TypeChoices))
        .String("status", "Only applicants with this status", configure: o => o.Choices(CaseOptions.StatusChoices))
        .String("centre", "Only this enrolment centre: type a name, city, province or state", configure: o => o.Autocomplete<CentreAutocomplete>())
        .String("period", "Which applications count, by application date (default 24 months)", configure: o => o.Choices(Periods.Select(p => (p.Value, p.Name))))
        .HandledBy<StatsHandler>()
        .Build();

    /// <summary>Reads the options into a statistics filter; a period sets the first application date counted.</summary>
    public static StatsFilter Filter(CommandOptions options, EnrolmentCentres centres, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(options);
        var period = options.GetString("period");
        DateOnly? since = null;
        if (period is not null)
        {
            var chosen = Periods.FirstOrDefault(p => string.Equals(p.Value, period, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Name, period, StringComparison.OrdinalIgnoreCase));
            if (chosen.Value is null)
            {
                throw new InvalidOptionValueException($"\"{period}\" is not a period; write 6m, 12m, 24m or all.");
            }

            // "all" reaches back to the first date a case may have; the default leaves the period unset.
            since = chosen.Months is { } months ? today.AddMonths(-months) : CaseRules.EarliestDate;
        }

        return new StatsFilter(CaseOptions.Type(options), CaseOptions.Status(options), CaseOptions.Centre(options, centres), since);
    }
}

/// <summary>Answers <c>/stats</c>: reads the filter, asks statistics once, shows the report.</summary>
public sealed class StatsHandler(StatsService stats, EnrolmentCentres centres) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return InteractionResult.Failure(guild.Error!.Message);
        }

        var filter = StatsCommand.Filter(context.Options, centres, await stats.TodayAsync(guild.Value, cancellationToken));
        var report = await stats.GetStatsAsync(guild.Value, filter, cancellationToken);
        return InteractionResult.Reply(InteractionMessage.WithEmbeds([StatsEmbed.Build(report, centres)]));
    }
}
