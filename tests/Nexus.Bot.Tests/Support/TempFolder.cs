using Microsoft.Data.Sqlite;

namespace Nexus.Bot.Tests.Support;

/// <summary>A temporary folder for a test's database files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nexus-host-").FullName;

    public string Database => System.IO.Path.Combine(Path, "nexus.db");

    public string ConnectionArgument => $"--Storage:ConnectionString=Data Source={Database}";

    public void Dispose()
    {
        // Pooled SQLite connections keep the file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
