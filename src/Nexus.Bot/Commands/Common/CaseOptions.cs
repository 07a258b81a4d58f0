using Nexus.Bot.Localization;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;

namespace Nexus.Bot.Commands.Common;

/// <summary>
/// The options several commands share (type, status, milestone, centre, date), defined and read in one
/// place so that a choice offered is always a choice understood. Choices come from the domain's wire names.
/// </summary>
public static class CaseOptions
{
    /// <summary>The application type choices: <c>initial</c>, <c>renewal</c>.</summary>
    public static IEnumerable<(string Value, string Name)> TypeChoices => WireNames.AllTypes.Select(t => (t.Name, t.Display));

    /// <summary>The applicant status choices: <c>us-citizen</c>, <c>ca-citizen</c>, <c>us-pr</c>, <c>ca-pr</c>, <c>mx-national</c>.</summary>
    public static IEnumerable<(string Value, string Name)> StatusChoices => WireNames.AllStatuses.Select(s => (s.Name, s.Display));

    /// <summary>The milestone choices: <c>conditional</c>, <c>interview</c>, <c>interview-ca</c>, <c>interview-us</c>, <c>approved</c>, <c>card</c>, <c>denied</c>.</summary>
    public static IEnumerable<(string Value, string Name)> MilestoneChoices => WireNames.AllMilestoneInputs.Select(m => (m.Name, m.Display));

    /// <summary>The application type, or null when the option was not given.</summary>
    public static ApplicationType? Type(CommandOptions options, string name = "type")
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = options.GetString(name);
        return text is null ? null
            : WireNames.TryParseType(text, out var type) ? type
            : throw new InvalidOptionValueException(Text.Format(Strings.Option_BadType, MessageText.Quote(text)));
    }

    /// <summary>The applicant status, or null when the option was not given.</summary>
    public static ApplicantStatus? Status(CommandOptions options, string name = "status")
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = options.GetString(name);
        return text is null ? null
            : WireNames.TryParseStatus(text, out var status) ? status
            : throw new InvalidOptionValueException(Text.Format(Strings.Option_BadStatus, MessageText.Quote(text)));
    }

    /// <summary>The milestone (required by every definition that has one).</summary>
    public static MilestoneInput Milestone(CommandOptions options, string name = "milestone")
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = options.GetString(name);
        return WireNames.TryParseMilestoneInput(text, out var milestone)
            ? milestone
            : throw new InvalidOptionValueException(Text.Format(Strings.Option_BadMilestone, MessageText.Quote(text)));
    }

    /// <summary>Candidates an ambiguous typed centre lists, so the member can tell which one they meant.</summary>
    public const int MaxCentreCandidates = 5;

    /// <summary>
    /// The centre's code, or null when the option was not given. Accepts a code (what autocomplete sends), an
    /// exact name, or text that matches exactly one centre, all ignoring case and accents, so a member who
    /// types instead of picking (or the shell's <c>centre:Blaine</c>) still gets their centre. Text that
    /// matches several is refused with the candidates (name and city), so the member sees what to type.
    /// </summary>
    public static string? Centre(CommandOptions options, EnrolmentCentres centres, string name = "centre")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(centres);
        var text = options.GetString(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (centres.FindByCodeOrName(text, Names.Of) is { } exact)
        {
            return exact.Code;
        }

        var matches = centres.Search(text, centres.All.Count, Names.Of);
        switch (matches.Count)
        {
            case 1:
                return matches[0].Code;
            case 0:
                throw new InvalidOptionValueException(Text.Format(Strings.Option_UnknownCentre, MessageText.Quote(text)));
            default:
                var listed = string.Join("; ", matches.Take(MaxCentreCandidates).Select(c => $"{Names.Of(c)} ({c.City})"));
                throw new InvalidOptionValueException(matches.Count > MaxCentreCandidates
                    ? Text.Format(Strings.Option_ManyCentresMore, MessageText.Quote(text), matches.Count, listed, matches.Count - MaxCentreCandidates)
                    : Text.Format(Strings.Option_ManyCentres, MessageText.Quote(text), matches.Count, listed));
        }
    }

    /// <summary>The guild the command runs in; cases belong to a server, so DMs are refused with a clear sentence.</summary>
    public static Result<ulong> Guild(IInteractionInfo context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GuildId is { } guildId
            ? guildId
            : new DomainError(CommandErrorCodes.GuildOnly, "Cases belong to a server; use this command in the server's channels, not in a direct message.");
    }
}
