namespace Nexus.Discord.Gateway;

/// <summary>What the gateway's close codes mean for the session (Discord's table, §8.4 of our reference).</summary>
internal static class GatewayCloseCodes
{
    /// <summary>Codes after which reconnecting cannot help: the configuration or token must be fixed.</summary>
    public static bool IsFatal(int code) => code is 4004 or (>= 4010 and <= 4014);

    /// <summary>
    /// Codes after which the old session is gone: 4007 invalid seq and 4009 session timed out say so; after
    /// 4003 (not authenticated) there is no session to resume either.
    /// </summary>
    public static bool NeedsNewSession(int code) => code is 4003 or 4007 or 4009;

    /// <summary>What to tell the operator about a fatal code.</summary>
    public static string Explain(int code) => code switch
    {
        4004 => "authentication failed: Discord:Token is wrong or was reset",
        4010 => "invalid shard: check Discord:ShardId and Discord:ShardCount",
        4011 => "sharding required: the bot is in too many guilds for one shard; set Discord:ShardCount",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: enable them for the application in the Developer Portal",
        _ => "unknown fatal close",
    };
}
