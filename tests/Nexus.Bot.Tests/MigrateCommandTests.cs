using Microsoft.Data.Sqlite;
using Nexus.Bot.Tests.Support;

namespace Nexus.Bot.Tests;

/// <summary>
/// Runs the built bot (Nexus.Bot.dll, copied into this test's output; its migrations are embedded in Nexus.Domain) as a child
/// process, exactly as an operator would: <c>dotnet Nexus.Bot.dll migrate</c>.
/// </summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexus-bot-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string DatabasePath => Path.Combine(_folder, "nexus.db");

    private static Task<(int ExitCode, string Output, string Error)> RunBotAsync(params string[] args) => BotProcess.RunAsync(null, args);

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    [Fact]
    public async Task Migrate_creates_nexus_db_with_the_schema_and_says_what_it_applied()
    {
        var (exitCode, output, error) = await RunBotAsync("migrate", $"--Storage:ConnectionString=Data Source={DatabasePath}");

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        Assert.Contains("Applied 0001_initial.sql", output, StringComparison.Ordinal);
        Assert.Contains("Applied 0002_moderation.sql", output, StringComparison.Ordinal);
        Assert.Contains("Applied 0003_case_owner_name.sql", output, StringComparison.Ordinal);
        Assert.Contains("Applied 0004_case_day_numbers.sql", output, StringComparison.Ordinal);
        Assert.Contains("Applied 0005_case_changes.sql", output, StringComparison.Ordinal);
        Assert.Contains("Applied 0009_request_writes.sql", output, StringComparison.Ordinal);
        Assert.Contains("Applied 0010_stage_exclusions_and_notices.sql", output, StringComparison.Ordinal);
        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(
            ["case_changes", "case_history", "cases", "guild_case_counters", "guild_settings", "guild_versions", "member_notices", "moderation_log", "request_writes", "review_dismissals", "schema_journal"],
            await TablesAsync());
    }

    [Fact]
    public async Task Migrate_twice_applies_nothing_the_second_time()
    {
        await RunBotAsync("migrate", $"--Storage:ConnectionString=Data Source={DatabasePath}");

        var (exitCode, output, _) = await RunBotAsync("migrate", $"--Storage:ConnectionString=Data Source={DatabasePath}");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Applied 0001", output, StringComparison.Ordinal);
        // Every shipped script, however many later issues add.
        var shipped = Nexus.Domain.Storage.Migrations.MigrationScript.Shipped(Nexus.Domain.Storage.StorageProvider.Sqlite).Count;
        Assert.Contains($"Nothing to apply: the Sqlite database is up to date ({shipped} script(s) already applied).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_server_without_a_connection_string_stops_with_one_line_naming_the_key()
    {
        var (exitCode, output, error) = await RunBotAsync("migrate", "--Storage:Provider=SqlServer");

        Assert.Equal(78, exitCode);
        Assert.Equal("Configuration error: Storage:ConnectionString is required when Storage:Provider is SqlServer.", error.Trim());
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_stops_with_one_line_naming_the_key()
    {
        var (exitCode, _, error) = await RunBotAsync("migrate", "--Storage:Provider=Oracle");

        Assert.Equal(78, exitCode);
        Assert.Equal(
            "Configuration error: Failed to convert configuration value 'Oracle' at 'Storage:Provider' to type 'Nexus.Domain.Storage.StorageProvider'.",
            error.Trim());
    }

    [Fact]
    public async Task An_unknown_command_is_refused()
    {
        var (exitCode, _, error) = await RunBotAsync("migrat");

        Assert.Equal(64, exitCode);
        Assert.StartsWith("Unrecognized command or argument 'migrat'." + Environment.NewLine, error, StringComparison.Ordinal);
        Assert.Contains("  migrate ", error, StringComparison.Ordinal);
    }
}
