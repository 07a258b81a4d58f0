using Microsoft.Extensions.Options;
using Nexus.Discord.Hosting;

namespace Nexus.Bot.Hosting;

/// <summary>
/// What each mode needs before the bot may start. Gateway mode logs in with the bot token; HTTP mode's own
/// checks (public key and application id) are registered with the endpoint by <c>AddDiscordHttpInteractions</c>.
/// Each failure names the key and how to set it, because it is the only line the operator sees.
/// </summary>
internal sealed class DiscordModeOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Mode == DiscordMode.Gateway)
        {
            if (string.IsNullOrWhiteSpace(options.Token))
            {
                failures.Add("Discord:Token is required in Gateway mode (set it with dotnet user-secrets or the Discord__Token environment variable).");
            }

            if (options.ApplicationId == 0)
            {
                failures.Add("Discord:ApplicationId is required in Gateway mode (the Application ID from the Developer Portal; set it with dotnet user-secrets or the Discord__ApplicationId environment variable).");
            }
        }

        if (options.ShardId >= options.ShardCount)
        {
            failures.Add($"Discord:ShardId ({options.ShardId}) must be less than Discord:ShardCount ({options.ShardCount}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
