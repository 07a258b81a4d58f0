using Nexus.Discord.Models;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// The dispatcher's own replies, which no handler writes: a bug's reference, a handler that ran out of time, and a
/// command or button this release no longer has. An application replaces <see cref="EnglishDispatcherTexts"/> to
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
}
