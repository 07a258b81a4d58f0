namespace Nexus.Discord.Registration;

/// <summary>The <c>Discord:Registration</c> configuration section.</summary>
public sealed class CommandRegistrationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discord:Registration";

    /// <summary>
    /// The directory of the file that records the last registration's hash; default <c>.nexus</c> under the
    /// application's base directory.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>
    /// The name of the file in <see cref="StateDirectory"/> that records the last registration's hash; default
    /// <c>command-registration.sha256</c>. The bot names it after its database, so two databases in one folder
    /// (a staging copy beside the real one) each keep their own record.
    /// </summary>
    public string? StateFileName { get; set; }

    /// <summary>The file name actually used.</summary>
    internal string ResolvedStateFileName => string.IsNullOrWhiteSpace(StateFileName) ? FileRegistrationStateStore.FileName : StateFileName;

    /// <summary>The directory actually used.</summary>
    internal string ResolvedStateDirectory =>
        string.IsNullOrWhiteSpace(StateDirectory) ? Path.Combine(AppContext.BaseDirectory, ".nexus") : StateDirectory;
}
