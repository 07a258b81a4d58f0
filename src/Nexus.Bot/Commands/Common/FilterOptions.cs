using Nexus.Bot.Localization;
using Nexus.Discord.Commands;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Common;

/// <summary>
/// The filters <c>/stats</c> and <c>/cases</c> share (type, status, centre, period), defined and read in one
/// place so both commands offer and understand exactly the same choices.
/// </summary>
public static class FilterOptions
{
    /// <summary>The period choices: which application dates count. 24 months is <c>/stats</c>'s default, as in <see cref="StatsFilter"/>.</summary>
    public static IReadOnlyList<(string Value, string Name, int? Months)> Periods { get; } =
    [
        ("6m", "Applied in the last 6 months", 6),
        ("12m", "Applied in the last 12 months", 12),
        ("24m", "Applied in the last 24 months", Nexus.Domain.Statistics.StatsFilter.DefaultPeriodMonths),
        ("all", "All cases, however old", null),
    ];

    /// <summary>Adds <c>type</c>, <c>status</c>, <c>centre</c> and <c>period</c>, in that order.</summary>
    /// <param name="builder">The command or subcommand.</param>
    /// <param name="typeDescription">What no type means for this command.</param>
    /// <param name="periodDescription">What no period means for this command.</param>
    public static TSelf AddFilterOptions<TSelf>(this TSelf builder, string typeDescription, string periodDescription)
        where TSelf : ParameterListBuilder<TSelf>
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .String("type", typeDescription, configure: o => o.Choices(CaseOptions.TypeChoices))
            .String("status", "Only applicants with this status", configure: o => o.Choices(CaseOptions.StatusChoices))
            .String("centre", "Only this enrolment centre: type a name, city, province or state", configure: o => o.Autocomplete<CentreAutocomplete>())
            .String("period", periodDescription, configure: o => o.Choices(Periods.Select(p => (p.Value, p.Name))));
    }

    /// <summary>The chosen period's wire value (<c>6m</c>…<c>all</c>), or null when none was given.</summary>
    public static string? Period(CommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var period = options.GetString("period");
        if (period is null)
        {
            return null;
        }

        var chosen = Periods.FirstOrDefault(p => string.Equals(p.Value, period, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Name, period, StringComparison.OrdinalIgnoreCase));
        return chosen.Value ?? throw new InvalidOptionValueException(Text.Format(Strings.Option_BadPeriod, Nexus.Discord.Dispatch.MessageText.Quote(period)));
    }

    /// <summary>The first application date a period counts: "all" reaches back to the first date a case may have; null for none.</summary>
    public static DateOnly? Since(string? period, DateOnly today) =>
        Periods.FirstOrDefault(p => p.Value == period) switch
        {
            { Value: null } => null,
            { Months: { } months } => today.AddMonths(-months),
            _ => CaseRules.EarliestDate,
        };

    /// <summary>Reads the options into a statistics filter; a period sets the first application date counted.</summary>
    public static StatsFilter ToStatsFilter(CommandOptions options, EnrolmentCentres centres, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StatsFilter(CaseOptions.Type(options), CaseOptions.Status(options), CaseOptions.Centre(options, centres), Since(Period(options), today));
    }
}
