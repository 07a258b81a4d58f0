namespace Nexus.Domain.Tests.Support;

/// <summary>
/// A fact that runs only where <c>NEXUS_TEST_SQLSERVER</c> holds a connection string; elsewhere it is
/// reported as skipped, with the reason, rather than silently passing.
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "NEXUS_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = "Set NEXUS_TEST_SQLSERVER to a connection string to run the SQL Server contract tests.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);
}
