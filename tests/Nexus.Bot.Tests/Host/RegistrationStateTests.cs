using Nexus.Bot.Hosting;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Tests.Host;

/// <summary>Issue 13: the record of the last command registration belongs to one database.</summary>
public sealed class RegistrationStateTests
{
    [Fact]
    public void Two_sqlite_databases_in_one_folder_each_keep_their_record_beside_them()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nexus-data");
        var real = NexusComposition.RegistrationState(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "nexus.db")}" });
        var staging = NexusComposition.RegistrationState(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "staging.db")}" });

        Assert.Equal((folder, "nexus.db.commands.sha256"), real);
        Assert.Equal((folder, "staging.db.commands.sha256"), staging);
    }

    [Fact]
    public void Sql_server_databases_get_a_record_named_after_server_and_database_never_the_password()
    {
        static (string Directory, string FileName) For(string connection) =>
            NexusComposition.RegistrationState(new StorageOptions { Provider = StorageProvider.SqlServer, ConnectionString = connection });

        var nexus = For("Server=db1;Database=nexus;User Id=bot;Password=first-secret");
        Assert.Equal(nexus, For("Server=db1;Database=nexus;User Id=bot;Password=rotated-secret"));
        Assert.NotEqual(nexus.FileName, For("Server=db1;Database=staging;User Id=bot;Password=first-secret").FileName);
        Assert.NotEqual(nexus.FileName, For("Server=db2;Database=nexus;User Id=bot;Password=first-secret").FileName);
        Assert.Matches("^commands-[0-9a-f]{16}\\.sha256$", nexus.FileName);
    }
}
