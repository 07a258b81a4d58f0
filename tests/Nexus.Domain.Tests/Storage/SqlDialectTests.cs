using Microsoft.Data.Sqlite;
using Nexus.Domain.Storage;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Storage;

/// <summary>What each dialect counts as "storage unavailable" (the member is asked to try again) and what stays a bug.</summary>
public sealed class SqlDialectTests
{
    [Theory]
    [InlineData(5, true)]     // busy
    [InlineData(517, true)]   // busy, extended (SQLITE_BUSY_SNAPSHOT)
    [InlineData(6, true)]     // locked
    [InlineData(8, true)]     // read-only
    [InlineData(10, true)]    // I/O error
    [InlineData(13, true)]    // full
    [InlineData(14, true)]    // cannot open
    [InlineData(1, false)]    // SQL error: a bug in our SQL
    [InlineData(19, false)]   // constraint
    public void Sqlite_counts_lock_disk_and_file_errors_as_unavailable(int code, bool unavailable) =>
        Assert.Equal(unavailable, new SqliteDialect().IsUnavailable(new SqliteException("failed", code)));

    [Fact]
    public void Sql_server_counts_what_its_retries_retry_as_unavailable()
    {
        var dialect = new SqlServerDialect();

        Assert.True(dialect.IsUnavailable(SqlErrors.Create(40613, 17)));
        Assert.False(dialect.IsUnavailable(SqlErrors.Create(207, 16)));
        Assert.False(dialect.IsUnavailable(new SqliteException("busy", 5)));
    }

    [Fact]
    public void Neither_counts_an_ordinary_exception()
    {
        Assert.False(new SqliteDialect().IsUnavailable(new InvalidOperationException("a bug")));
        Assert.False(new SqlServerDialect().IsUnavailable(new InvalidOperationException("a bug")));
    }
}
