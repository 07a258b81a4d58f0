using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Commands;
using Nexus.Discord.Hosting;
using Nexus.Discord.Json;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Registration;

/// <summary>
/// At start-up, bulk-overwrites the application's commands with those of <see cref="IApplicationCommandSource"/>:
/// in <c>Discord:DevGuildId</c> when set (guild commands apply at once), globally otherwise. One PUT, never a
/// POST per command (creates are limited per day). Skipped when the hash of the exact JSON, the scope, the
/// application id, the API base URL and the token (<see cref="ComputeHash"/>) equals the hash of the last
/// successful registration against this database, and skipped without a bot token.
/// A failure is logged and the bot goes on running.
/// </summary>
/// <param name="source">The commands.</param>
/// <param name="rest">The REST client.</param>
/// <param name="store">The last registration's hash.</param>
/// <param name="options">Token, application id, dev guild.</param>
/// <param name="logger">The logger.</param>
public sealed partial class CommandRegistrationService(
    IApplicationCommandSource source,
    IDiscordRestClient rest,
    IRegistrationStateStore store,
    IOptions<DiscordOptions> options,
    ILogger<CommandRegistrationService> logger) : BackgroundService
{
    /// <summary>
    /// The hash that identifies one registration: SHA-256 over the application id, the API it was sent to, a
    /// SHA-256 of the bot token, the scope (guild id or "global") and the exact JSON array that is PUT, as
    /// lowercase hex. A bot pointed at another Discord (a fake, staging) or given another token registers again,
    /// and the token itself is never written anywhere.
    /// </summary>
    public static string ComputeHash(ulong applicationId, string apiBaseUrl, string token, ulong? guildId, ReadOnlySpan<byte> commandsJson)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        ArgumentNullException.ThrowIfNull(token);
        var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"application:{applicationId}\napi:{apiBaseUrl.TrimEnd('/')}\ntoken:{tokenHash}\nscope:{(guildId is { } guild ? "guild:" + guild.ToString(CultureInfo.InvariantCulture) : "global")}\n"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(commandsJson);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Registers now (what the hosted service does at start); exposed for the bot and for tests.</summary>
    /// <returns>Whether Discord was called and accepted the commands.</returns>
    public Task<bool> RegisterAsync(CancellationToken cancellationToken) => RegisterAsync(force: false, cancellationToken);

    /// <summary>
    /// Registers now; with <paramref name="force"/>, even when the recorded hash says Discord already has these
    /// commands (they were deleted in the Developer Portal, or the record is wrong).
    /// </summary>
    /// <returns>Whether Discord was called and accepted the commands.</returns>
    public async Task<bool> RegisterAsync(bool force, CancellationToken cancellationToken) =>
        (await RegisterWithResultAsync(force, cancellationToken).ConfigureAwait(false)).Outcome == RegistrationOutcome.Registered;

    /// <summary>
    /// Registers now, as <see cref="RegisterAsync(bool, CancellationToken)"/> does, and says what happened: the
    /// <c>commands register</c> verb reports it to the operator.
    /// </summary>
    /// <returns>What happened, with the number of commands, the scope and, after a failure, its cause.</returns>
    public async Task<RegistrationResult> RegisterWithResultAsync(bool force, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var guild = settings.DevGuildId;
        if (string.IsNullOrWhiteSpace(settings.Token))
        {
            LogNoToken(logger);
            return new RegistrationResult(RegistrationOutcome.NoToken, 0, guild, null);
        }

        if (settings.ApplicationId == 0)
        {
            LogNoApplicationId(logger);
            return new RegistrationResult(RegistrationOutcome.NoApplicationId, 0, guild, null);
        }

        var scope = guild is { } id ? "guild " + id.ToString(CultureInfo.InvariantCulture) : "global";
        var count = 0;
        try
        {
            var commands = source.GetApplicationCommands();
            count = commands.Count;
            var json = JsonSerializer.SerializeToUtf8Bytes(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandJson);
            var hash = ComputeHash(settings.ApplicationId, settings.ApiBaseUrl, settings.Token, guild, json);
            if (!force && await ReadLastHashAsync(cancellationToken).ConfigureAwait(false) == hash)
            {
                LogUnchanged(logger, count, scope);
                return new RegistrationResult(RegistrationOutcome.Unchanged, count, guild, null);
            }

            if (guild is { } guildId)
            {
                await rest.BulkOverwriteGuildCommandsAsync(settings.ApplicationId, guildId, commands, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await rest.BulkOverwriteGlobalCommandsAsync(settings.ApplicationId, commands, cancellationToken).ConfigureAwait(false);
            }

            LogRegistered(logger, count, scope);
            try
            {
                await store.SaveHashAsync(hash, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only costs a repeated (identical) registration at the next start.
                LogStateNotSaved(logger, ex);
            }

            return new RegistrationResult(RegistrationOutcome.Registered, count, guild, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, scope, ex);
            return new RegistrationResult(RegistrationOutcome.Failed, count, guild, ex);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start path: a slow or rate-limited Discord must not delay the other services.
        await Task.Yield();
        try
        {
            await RegisterAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped first.
        }
    }

    private async Task<string?> ReadLastHashAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetLastHashAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogStateNotRead(logger, ex);
            return null;
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "no bot token: command registration skipped")]
    private static partial void LogNoToken(ILogger logger);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Discord:ApplicationId is not set: command registration skipped")]
    private static partial void LogNoApplicationId(ILogger logger);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Commands unchanged since the last registration ({Count} commands, {Scope}): registration skipped")]
    private static partial void LogUnchanged(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Registered {Count} commands ({Scope})")]
    private static partial void LogRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Error, Message = "Command registration ({Scope}) failed; the bot keeps running with the commands Discord had")]
    private static partial void LogFailed(ILogger logger, string scope, Exception exception);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "The last command registration's hash could not be read; registering anyway")]
    private static partial void LogStateNotRead(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Warning, Message = "The command registration's hash could not be saved; the next start registers again")]
    private static partial void LogStateNotSaved(ILogger logger, Exception exception);
}
