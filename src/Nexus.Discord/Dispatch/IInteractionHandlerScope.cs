using Nexus.Discord.Models;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// Lets the application carry per-interaction state into an interaction's asynchronous flow: the dispatcher
/// enters it once the interaction is routed, before its options are checked and its handler runs, and leaves it
/// when the interaction's answer (a reply, a refusal or an error) has been sent. The bot uses it to tag every
/// write of the interaction with the interaction's id, so a replayed interaction never writes twice, and to
/// answer in the member's language.
/// </summary>
public interface IInteractionHandlerScope
{
    /// <summary>
    /// Called synchronously in the dispatcher's flow (an ambient value set here flows into the handler and the
    /// dispatcher's own answers); the result, when not null, is disposed once the answer is sent.
    /// </summary>
    IDisposable? Enter(Interaction interaction);
}

/// <summary>The default <see cref="IInteractionHandlerScope"/>: nothing to carry.</summary>
public sealed class NoHandlerScope : IInteractionHandlerScope
{
    /// <inheritdoc />
    public IDisposable? Enter(Interaction interaction) => null;
}

/// <summary>
/// Discord no longer knows the interaction (JSON error 10062): its first response came after the 3-second
/// window, or its token has expired. Nothing more can be sent for it; the dispatcher logs it once as a warning.
/// </summary>
public sealed class InteractionExpiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InteractionExpiredException()
        : base("Discord no longer knows this interaction (10062).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InteractionExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and Discord's refusal.</summary>
    public InteractionExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
