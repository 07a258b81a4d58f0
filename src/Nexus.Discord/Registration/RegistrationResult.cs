namespace Nexus.Discord.Registration;

/// <summary>What one attempt to register the commands did.</summary>
public enum RegistrationOutcome
{
    /// <summary>Discord accepted the commands (one bulk overwrite).</summary>
    Registered = 0,

    /// <summary>The last registration against this database sent exactly these commands there: nothing was sent.</summary>
    Unchanged = 1,

    /// <summary>No bot token is configured, so nothing can be registered.</summary>
    NoToken = 2,

    /// <summary><c>Discord:ApplicationId</c> is not set.</summary>
    NoApplicationId = 3,

    /// <summary>Discord refused the commands or could not be reached; what it had before stays.</summary>
    Failed = 4,
}

/// <summary>What <see cref="CommandRegistrationService.RegisterWithResultAsync"/> did.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="CommandCount">How many top-level commands were (or would have been) sent.</param>
/// <param name="GuildId">The development server they went to; null for global commands.</param>
/// <param name="Failure">Why it failed, for <see cref="RegistrationOutcome.Failed"/>; null otherwise.</param>
public sealed record RegistrationResult(RegistrationOutcome Outcome, int CommandCount, ulong? GuildId, Exception? Failure);
