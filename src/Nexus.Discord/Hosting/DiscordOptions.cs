using System.ComponentModel.DataAnnotations;

namespace Nexus.Discord.Hosting;

/// <summary>How interactions reach the bot.</summary>
public enum DiscordMode
{
    /// <summary>A gateway WebSocket connection (the default, as with Discord.Net).</summary>
    Gateway = 0,

    /// <summary>Discord POSTs interactions to our HTTP endpoint.</summary>
    Http = 1,
}

/// <summary>
/// The <c>Discord</c> configuration section. Secrets (token, public key) come from user-secrets or
/// environment variables, never from committed files. Which keys are required depends on the mode;
/// the host validates them at start and stops with one line naming the missing key.
/// </summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Discord";

    /// <summary>Gateway (default) or Http.</summary>
    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>The bot token. Required in Gateway mode; optional in Http mode (without it, command registration is skipped).</summary>
    public string? Token { get; set; }

    /// <summary>The application id (a snowflake).</summary>
    public ulong ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key as 64 hex characters. Required in Http mode.</summary>
    public string? PublicKey { get; set; }

    /// <summary>When set, commands are registered in this guild (instant) instead of globally.</summary>
    public ulong? DevGuildId { get; set; }

    /// <summary>The REST base URL without the version; tests and staging point it at a fake Discord.</summary>
    [Url]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api";

    /// <summary>This process's shard id (gateway).</summary>
    [Range(0, 65535)]
    public int ShardId { get; set; }

    /// <summary>The total number of shards (gateway).</summary>
    [Range(1, 65536)]
    public int ShardCount { get; set; } = 1;

    /// <summary>How old an HTTP interaction's signed timestamp may be before it is refused, in seconds (replay protection).</summary>
    [Range(1, 3600)]
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>The largest HTTP interaction body accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The URL in the User-Agent header Discord requires.</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/nexus-timelines/nexus";
}
