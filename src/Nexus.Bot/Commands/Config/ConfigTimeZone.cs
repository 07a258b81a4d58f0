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
                    "config.time_zone",
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
    /// <summary>The zones offered, with the places a member would recognise.</summary>
    public static IReadOnlyList<(string Id, string Label)> Common { get; } =
    [
        ("America/St_Johns", "Newfoundland (St. John's)"),
        ("America/Halifax", "Atlantic (Halifax, Moncton, Charlottetown)"),
        ("America/Toronto", "Eastern (Toronto, Ottawa, Montréal)"),
        ("America/New_York", "Eastern (New York, Boston, Miami)"),
        ("America/Detroit", "Eastern (Detroit)"),
        ("America/Winnipeg", "Central (Winnipeg)"),
        ("America/Chicago", "Central (Chicago, Minneapolis, Dallas)"),
        ("America/Regina", "Saskatchewan (Regina, Saskatoon; no DST)"),
        ("America/Edmonton", "Mountain (Calgary, Edmonton)"),
        ("America/Denver", "Mountain (Denver, Salt Lake City)"),
        ("America/Phoenix", "Arizona (Phoenix; no DST)"),
        ("America/Vancouver", "Pacific (Vancouver, Victoria)"),
        ("America/Los_Angeles", "Pacific (Seattle, Los Angeles, San Francisco)"),
        ("America/Whitehorse", "Yukon (Whitehorse)"),
        ("America/Anchorage", "Alaska (Anchorage)"),
        ("Pacific/Honolulu", "Hawaii (Honolulu)"),
        ("America/Mexico_City", "Mexico Central (Mexico City)"),
        ("America/Tijuana", "Baja California (Tijuana)"),
    ];

    /// <inheritdoc />
    public Task<IReadOnlyList<CommandChoice>> SuggestAsync(IAutocompleteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var typed = EnrolmentCentres.Fold(context.FocusedValue.Trim());
        var choices = Common
            .Where(z => typed.Length == 0 || EnrolmentCentres.Fold(z.Id).Contains(typed, StringComparison.Ordinal) || EnrolmentCentres.Fold(z.Label).Contains(typed, StringComparison.Ordinal))
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
