using System.ComponentModel.DataAnnotations;

namespace Nexus.Bot.Hosting;

/// <summary>The <c>Shutdown</c> section: how long a stop may take.</summary>
internal sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// From SIGTERM (or Ctrl+C) to the end of the process: the gateway closes, what was received is answered,
    /// and whatever still runs when this is up is cancelled. Keep systemd's <c>TimeoutStopSec</c> above it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Shutdown:Timeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
