using System.Globalization;
using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Commands.Mod;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Config;

/// <summary>
/// <c>/config timezone zone</c>: the server's time zone, an IANA name. "today" and "yesterday", the future-date
/// rule, the statistics' day and "time so far" are dates in it (see <see cref="ServerCalendar"/>).
/// </summary>
public sealed class ConfigTimeZoneHandler(ModeratorGate gate, IGuildSettingsRepository settings, ModerationService moderation, ServerCalendar calendar, TimeProvider time) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var text = context.Options.GetString("zone") ?? string.Empty;
            if (!ServerCalendar.TryFindZone(text, out var zone))
            {
                return ModMessages.Failure(DomainError.Of(
                    CommandErrorCodes.TimeZone,
                    $"'{MessageText.Quote(text)}' isn't a time zone name; pick one from the list, or write one like America/Toronto or America/Vancouver.",
                    MessageText.Quote(text)));
            }

            var today = ServerCalendar.DayOf(time.GetUtcNow(), zone);
            var saved = await ConfigModule.SaveAsync(settings, moderation, moderator, s => s with { TimeZoneId = zone.Id },
                "time-zone=" + zone.Id,
                Text.Format(Strings.Config_TimeZoneSet, zone.Id, Words.Date(today)),
                cancellationToken);
            calendar.Forget(moderator.GuildId);
            return saved;
        },
        cancellationToken);
}

/// <summary>
/// Suggests time zones while a moderator types: the common North American ones by name, region and the
/// places they cover ("pacific", "vancouver"), and any other IANA name typed in full.
/// </summary>
public sealed class TimeZoneAutocomplete : IAutocompleteHandler
{
    /// <summary>
    /// The zones offered: the region (resource <c>TimeZone_Region_&lt;region&gt;</c>, "Eastern" / "Est"), the places a
    /// member would recognise (never translated), and whether the zone keeps standard time all year.
    /// </summary>
    public static IReadOnlyList<(string Id, string Region, string Places, bool NoDst)> Common { get; } =
    [
        ("America/St_Johns", "newfoundland", "St. John's", false),
        ("America/Halifax", "atlantic", "Halifax, Moncton, Charlottetown", false),
        ("America/Toronto", "eastern", "Toronto, Ottawa, Montréal", false),
        ("America/New_York", "eastern", "New York, Boston, Miami", false),
        ("America/Detroit", "eastern", "Detroit", false),
        ("America/Winnipeg", "central", "Winnipeg", false),
        ("America/Chicago", "central", "Chicago, Minneapolis, Dallas", false),
        ("America/Regina", "saskatchewan", "Regina, Saskatoon", true),
        ("America/Edmonton", "mountain", "Calgary, Edmonton", false),
        ("America/Denver", "mountain", "Denver, Salt Lake City", false),
        ("America/Phoenix", "arizona", "Phoenix", true),
        ("America/Vancouver", "pacific", "Vancouver, Victoria", false),
        ("America/Los_Angeles", "pacific", "Seattle, Los Angeles, San Francisco", false),
        ("America/Whitehorse", "yukon", "Whitehorse", false),
        ("America/Anchorage", "alaska", "Anchorage", false),
        ("Pacific/Honolulu", "hawaii", "Honolulu", false),
        ("America/Mexico_City", "mexico_central", "Mexico City", false),
        ("America/Tijuana", "baja_california", "Tijuana", false),
    ];

    /// <summary>A zone's label in <paramref name="language"/>: "Eastern (Toronto, Ottawa, Montréal)" / "Est (Toronto, Ottawa, Montréal)".</summary>
    public static string Label((string Id, string Region, string Places, bool NoDst) zone, CultureInfo language)
    {
        var region = Strings.ResourceManager.GetString(Text.ResourceName("TimeZone_Region", zone.Region), language)
            ?? throw new InvalidOperationException($"No name for time zone region '{zone.Region}' in the resources.");
        var template = Strings.ResourceManager.GetString(zone.NoDst ? nameof(Strings.TimeZone_LabelNoDst) : nameof(Strings.TimeZone_Label), language)!;
        return string.Format(language, template, region, zone.Places);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CommandChoice>> SuggestAsync(IAutocompleteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var typed = EnrolmentCentres.Fold(context.FocusedValue.Trim());
        var choices = Common
            .Select(z => (z.Id, Label: Label(z, Languages.Current), English: Label(z, Languages.English)))
            // The English label matches too, so "pacific" finds the Pacific zones for a French moderator as well.
            .Where(z => typed.Length == 0 || new[] { z.Id, z.Label, z.English }.Any(t => EnrolmentCentres.Fold(t).Contains(typed, StringComparison.Ordinal)))
            .Select(z => new CommandChoice($"{z.Id} · {z.Label}", z.Id))
            .ToList();

        // Any other IANA zone typed in full is offered as it is, so the list never limits the choice.
        if (choices.Count == 0 && ServerCalendar.TryFindZone(context.FocusedValue, out var zone))
        {
            choices.Add(new CommandChoice(zone.Id, zone.Id));
        }

        return Task.FromResult<IReadOnlyList<CommandChoice>>([.. choices.Take(CentreAutocomplete.MaxSuggestions)]);
    }
}
