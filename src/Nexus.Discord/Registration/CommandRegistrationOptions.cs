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

    /// <summary>The directory actually used.</summary>
    internal string ResolvedStateDirectory =>
        string.IsNullOrWhiteSpace(StateDirectory) ? Path.Combine(AppContext.BaseDirectory, ".nexus") : StateDirectory;
}
