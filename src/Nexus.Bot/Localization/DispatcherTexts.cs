using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

namespace Nexus.Bot.Localization;

/// <summary>
/// The dispatcher's own answers (a bug's reference, a timeout, a command this release lacks, an option value that
/// breaks its definition) in the member's language: the dispatcher asks for them inside the interaction's scope,
/// where <see cref="Languages.Current"/> is already the member's.
/// </summary>
internal sealed class DispatcherTexts : IDispatcherTexts
{
    public string Error(Interaction interaction, string reference) => Text.Format(Strings.Dispatcher_Error, reference);

    public string Timeout(Interaction interaction, string reference) => Text.Format(Strings.Dispatcher_Timeout, reference);

    public string NoLongerAvailable(Interaction interaction) => Strings.Dispatcher_NoLongerAvailable;

    // The option and its choices are named as the member's client shows them: the French name_localizations
    // for a French member, so the refusal names what they see in the command picker.
    public string InvalidOption(Interaction interaction, InvalidOptionValueException invalid)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        if (invalid.Option is not { } option)
        {
            return Strings.Option_UnreadableInput;
        }

        var name = CommandTranslations.Shown(option.Name, option.NameLocalizations);
        return invalid.Problem switch
        {
            OptionProblem.Missing => Text.Format(Strings.Option_Missing, name),
            OptionProblem.WrongKind => Text.Format(KindSentence(option.Type), name),
            OptionProblem.Unreadable => Text.Format(Strings.Option_Unreadable, name),
            OptionProblem.TooShort => Text.Format(Strings.Option_TooShort, name, option.MinLength),
            OptionProblem.TooLong => Text.Format(Strings.Option_TooLong, name, option.MaxLength),
            OptionProblem.NotAChoice => Text.Format(
                Strings.Option_NotAChoice,
                MessageText.Quote(invalid.Given ?? string.Empty),
                name,
                string.Join(Strings.Option_ChoiceSeparator, option.Choices.Select(c => CommandTranslations.Shown(c.Name, c.NameLocalizations)))),
            OptionProblem.OutOfRange => (option.MinValue, option.MaxValue) switch
            {
                ({ } min, { } max) => Text.Format(Strings.Option_Between, name, min, max),
                ({ } min, null) => Text.Format(Strings.Option_AtLeast, name, min),
                (null, { } max) => Text.Format(Strings.Option_AtMost, name, max),
                _ => invalid.Message,
            },
            OptionProblem.FileMissing => Text.Format(Strings.Option_FileMissing, name),
            _ => invalid.Message,
        };
    }

    private static string KindSentence(ApplicationCommandOptionType type) => type switch
    {
        ApplicationCommandOptionType.String => Strings.Option_Kind_String,
        ApplicationCommandOptionType.Integer => Strings.Option_Kind_Integer,
        ApplicationCommandOptionType.Number => Strings.Option_Kind_Number,
        ApplicationCommandOptionType.Boolean => Strings.Option_Kind_Boolean,
        ApplicationCommandOptionType.User => Strings.Option_Kind_User,
        ApplicationCommandOptionType.Channel => Strings.Option_Kind_Channel,
        ApplicationCommandOptionType.Role => Strings.Option_Kind_Role,
        ApplicationCommandOptionType.Attachment => Strings.Option_Kind_Attachment,
        _ => Strings.Option_Kind_Mentionable,
    };
}
