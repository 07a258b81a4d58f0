using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Commands.Common;

/// <summary>
/// Suggests enrolment centres while a member types, matching name, city and province or state. The value
/// sent back is the centre's stable code, so what is stored never depends on how a name is spelled.
/// </summary>
public sealed class CentreAutocomplete(EnrolmentCentres centres) : IAutocompleteHandler
{
    /// <summary>Discord shows at most 25 suggestions.</summary>
    public const int MaxSuggestions = 25;

    /// <summary>A choice name is 1–100 characters.</summary>
    public const int MaxNameLength = 100;

    /// <inheritdoc />
    public Task<IReadOnlyList<CommandChoice>> SuggestAsync(IAutocompleteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<CommandChoice> choices = [.. centres.Search(context.FocusedValue, MaxSuggestions, Names.Of).Select(c => new CommandChoice(Label(c), c.Code))];
        return Task.FromResult(choices);
    }

    /// <summary>"Blaine NEXUS… (Blaine, WA)", cut to Discord's 100 characters keeping the place visible.</summary>
    public static string Label(EnrolmentCentre centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var place = $" ({centre.City}, {centre.ProvinceState})";
        return place.Length >= MaxNameLength
            ? EmbedLimits.Fit(Names.Of(centre), MaxNameLength)
            : EmbedLimits.Fit(Names.Of(centre), MaxNameLength - place.Length) + place;
    }
}
