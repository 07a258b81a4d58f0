using Microsoft.Extensions.Logging;

namespace Nexus.Domain.Storage;

/// <summary>Storage and migration log messages, with stable event ids (2000–2099).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Case {CaseId} changed since it was read (version {Version}); the change will be reapplied")]
    public static partial void VersionConflict(ILogger logger, long caseId, long version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "A second case for one member in guild {GuildId} was refused by the unique index")]
    public static partial void DuplicateOwner(ILogger logger, ulong guildId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Applying migration {Script}")]
    public static partial void ApplyingMigration(ILogger logger, string script);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Database schema is up to date: {Applied} script(s) applied now, {AlreadyApplied} already applied ({Provider})")]
    public static partial void MigrationsDone(ILogger logger, int applied, int alreadyApplied, StorageProvider provider);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Database {Database} reads with locks (READ_COMMITTED_SNAPSHOT is off): /stats and /mycase wait behind long writes such as an import. Run ALTER DATABASE [{Database}] SET READ_COMMITTED_SNAPSHOT ON; (Storage:AllowLockingReads lets the bot start meanwhile)")]
    public static partial void LockingReads(ILogger logger, string database);
}
