namespace Nexus.Discord.Dispatch;

/// <summary>
/// Turns an exception a handler let escape into a message the member can act on, when the application
/// knows the condition (for example its store being unavailable). The dispatcher asks it before it falls
/// back to the generic "something went wrong" answer. The Discord client knows nothing of the application's
/// storage or services, so this is the seam through which the application names its own known failures.
/// </summary>
public interface IInteractionExceptionClassifier
{
    /// <summary>
    /// The ephemeral message for the member when <paramref name="exception"/> is a known condition (the
    /// implementation logs it), or null to let the dispatcher treat it as a bug (logged with a reference).
    /// </summary>
    string? Classify(Exception exception);
}

/// <summary>The default classifier: knows no condition, so every escaped exception is treated as a bug.</summary>
public sealed class NoExceptionClassifier : IInteractionExceptionClassifier
{
    /// <inheritdoc />
    public string? Classify(Exception exception) => null;
}
