using Nexus.Discord.Commands;
using Nexus.Discord.Models;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// The dispatcher's own replies, which no handler writes: a bug's reference, a handler that ran out of time, a
/// command or button this release no longer has, and an option value that breaks its definition. An application replaces <see cref="EnglishDispatcherTexts"/> to
/// word them its way, for example in the member's language (<see cref="Interaction.Locale"/>).
/// </summary>
public interface IDispatcherTexts
{
    /// <summary>A handler failed with a bug: nothing was changed, and <paramref name="reference"/> is in the log.</summary>
    string Error(Interaction interaction, string reference);

    /// <summary>A handler ran out of time and was stopped; <paramref name="reference"/> is in the log.</summary>
    string Timeout(Interaction interaction, string reference);

    /// <summary>No handler knows the interaction (an old button, a removed command).</summary>
    string NoLongerAvailable(Interaction interaction);

    /// <summary>
    /// An option's value breaks its definition (<see cref="InvalidOptionValueException.Problem"/>): required, of
    /// another type, outside the choices, range or length. Discord's clients check these before sending, so a
    /// member sees it only from an old client or a hand-made request; the option's
    /// <see cref="CommandOptionDefinition.NameLocalizations"/> give its name as the member's client shows it.
    /// </summary>
    string InvalidOption(Interaction interaction, InvalidOptionValueException invalid);
}

/// <summary>The default <see cref="IDispatcherTexts"/>: English, whatever the interaction's locale.</summary>
public sealed class EnglishDispatcherTexts : IDispatcherTexts
{
    /// <inheritdoc />
    public string Error(Interaction interaction, string reference) => InteractionDispatcher.ErrorMessage(reference);

    /// <inheritdoc />
    public string Timeout(Interaction interaction, string reference) => InteractionDispatcher.TimeoutMessage(reference);

    /// <inheritdoc />
    public string NoLongerAvailable(Interaction interaction) => InteractionDispatcher.NoLongerAvailableMessage;

    /// <inheritdoc />
    public string InvalidOption(Interaction interaction, InvalidOptionValueException invalid)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        return invalid.Message;
    }
}
