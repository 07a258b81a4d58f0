namespace Nexus.Discord.Registration;

/// <summary>
/// Remembers the hash of the last successful command registration, so an unchanged start-up skips the call
/// (Discord limits command creates per day). The bot may replace the file store with a database-backed one.
/// </summary>
public interface IRegistrationStateStore
{
    /// <summary>The hash recorded last, or null when there is none (or it cannot be read).</summary>
    Task<string?> GetLastHashAsync(CancellationToken cancellationToken);

    /// <summary>Records <paramref name="hash"/> after a successful registration.</summary>
    Task SaveHashAsync(string hash, CancellationToken cancellationToken);
}
