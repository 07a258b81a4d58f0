namespace Nexus.Bot.Commands.Common;

/// <summary>The stable codes of the errors the bot's own commands produce (besides the domain's).</summary>
public static class CommandErrorCodes
{
    /// <summary>A case command in a direct message.</summary>
    public const string GuildOnly = "command.guild_only";

    /// <summary>A time zone name that is not one.</summary>
    public const string TimeZone = "config.time_zone";
}
