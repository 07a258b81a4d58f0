using Nexus.Bot.Cli;
using Nexus.Bot.Tests.Support;

namespace Nexus.Bot.Tests.Host;

/// <summary>The <c>backup</c> verb as an operator runs it (the copy itself: SqliteBackupTests in the domain tests).</summary>
public sealed class BackupVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Copy => Path.Combine(_folder.Path, "copy.db");

    [Fact]
    public async Task Backup_copies_the_database_and_prints_its_size_cases_and_schema()
    {
        using (var shell = new StringWriter())
        {
            var terminal = new Terminal(new StringReader("/mycase start 2024-01-10 initial ca-citizen\n"), shell, TextWriter.Null, Interactive: false, Ansi: false);
            Assert.Equal(0, await NexusHost.RunAsync(["shell", "--db", _folder.Database], terminal));
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await NexusHost.RunAsync(["backup", Copy, "--db", _folder.Database], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Matches(
            $@"^Backed up {System.Text.RegularExpressions.Regex.Escape(_folder.Database)} to {System.Text.RegularExpressions.Regex.Escape(Copy)}: [0-9.]+ MiB, 1 case, schema 0[0-9]{{3}}_[a-z_]+\.sql, integrity check ok\.$",
            output.ToString().Trim());
        Assert.True(File.Exists(Copy));
    }

    [Fact]
    public async Task Backup_of_a_SQL_Server_database_points_to_the_servers_own_backups()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await NexusHost.RunAsync(["backup", Copy, "--Storage:Provider=SqlServer", "--Storage:ConnectionString=Server=127.0.0.1,1;Database=nexus"], output, error);

        Assert.Equal(NexusHost.ExitUsage, exit);
        Assert.Contains("use the server's own backups", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        Assert.False(File.Exists(Copy));
    }

    [Fact]
    public async Task Backup_of_a_missing_database_fails_with_one_line_and_creates_nothing()
    {
        using var error = new StringWriter();

        var exit = await NexusHost.RunAsync(["backup", Copy, "--db", _folder.Database], TextWriter.Null, error);

        Assert.Equal(BackupVerb.ExitBackupFailed, exit);
        Assert.Equal($"Backup error: There is no database at {_folder.Database} (Storage:ConnectionString).", error.ToString().Trim());
        Assert.False(File.Exists(_folder.Database));
        Assert.False(File.Exists(Copy));
    }
}
