using Dapper;
using Nexus.Domain.Settings;

namespace Nexus.Domain.Storage;

/// <summary>Per-server settings through Dapper; the upsert is the dialect's.</summary>
public sealed class GuildSettingsRepository(IDbConnectionFactory connections, TimeProvider time) : IGuildSettingsRepository
{
    /// <inheritdoc />
    public async Task<GuildSettings?> GetAsync(ulong guildId, CancellationToken cancellationToken)
    {
        const string sql = "SELECT moderator_role_id, feed_channel_id, time_zone FROM guild_settings WHERE guild_id = @GuildId;";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(sql, new { GuildId = DbValues.Id(guildId) }, cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new GuildSettings(
            guildId,
            reader.IsDBNull(0) ? null : DbValues.FromId(reader.GetInt64(0)),
            reader.IsDBNull(1) ? null : DbValues.FromId(reader.GetInt64(1)),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <inheritdoc />
    public async Task UpsertAsync(GuildSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // A write like any other: it takes its turn at the writer and gives up after the busy timeout, never
        // holding a thread while another process has the database locked.
        await using var write = await connections.Dialect.BeginWriteAsync(connections, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            connections.Dialect.UpsertGuildSettingsSql,
            new
            {
                GuildId = DbValues.Id(settings.GuildId),
                ModeratorRoleId = DbValues.Id(settings.ModeratorRoleId),
                FeedChannelId = DbValues.Id(settings.FeedChannelId),
                settings.TimeZoneId,
                UpdatedAt = DbValues.Instant(time.GetUtcNow()),
            },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }
}
