using System.ComponentModel.DataAnnotations;

namespace Nexus.Domain.Storage;

/// <summary>The database providers Nexus can store cases in.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file; the default.</summary>
    Sqlite = 0,

    /// <summary>Microsoft SQL Server (or Azure SQL).</summary>
    SqlServer = 1,
}

/// <summary>
/// The <c>Storage</c> configuration section. Validated when the host starts, so a bad configuration
/// stops the bot with one line naming the key instead of failing on the first command.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>The file name of the default SQLite database, next to the app.</summary>
    public const string DefaultSqliteFileName = "nexus.db";

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (default) or <c>SqlServer</c>.</summary>
    [EnumDataType(typeof(StorageProvider), ErrorMessage = "Storage:Provider must be Sqlite or SqlServer.")]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// <c>Storage:ConnectionString</c>: required for SQL Server; for SQLite it defaults to
    /// <c>nexus.db</c> in the app's directory.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// <c>Storage:AllowLockingReads</c>: start on a SQL Server database whose <c>READ_COMMITTED_SNAPSHOT</c> is
    /// off, with a warning, instead of stopping (see <see cref="SnapshotReadsCheck"/>). False by default.
    /// </summary>
    public bool AllowLockingReads { get; set; }

    /// <summary>The connection string to use: the configured one, or the SQLite default.</summary>
    public string EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? ConnectionString
            : Provider == StorageProvider.Sqlite
                ? $"Data Source={Path.Combine(AppContext.BaseDirectory, DefaultSqliteFileName)}"
                : throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is SqlServer.");

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.SqlServer && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is required when Storage:Provider is SqlServer.",
                [nameof(ConnectionString)]);
        }
    }
}
