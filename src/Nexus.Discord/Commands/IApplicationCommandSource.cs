using Nexus.Discord.Models;

namespace Nexus.Discord.Commands;

/// <summary>The commands to register with Discord, as the exact JSON array a bulk overwrite PUTs.</summary>
public interface IApplicationCommandSource
{
    /// <summary>The command JSON, validated against Discord's limits.</summary>
    IReadOnlyList<ApplicationCommandJson> GetApplicationCommands();
}
