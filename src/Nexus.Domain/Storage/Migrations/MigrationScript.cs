using System.Text;

namespace Nexus.Domain.Storage.Migrations;

/// <summary>One numbered migration script: its file name (<c>0001_name.sql</c>) and its text.</summary>
/// <param name="Name">The file name in <c>db/migrations/&lt;provider&gt;/</c>.</param>
/// <param name="Text">The SQL.</param>
public sealed record MigrationScript(string Name, string Text)
{
    private const string ResourcePrefix = "Nexus.Domain.Migrations.";

    /// <summary>
    /// The scripts shipped for <paramref name="provider"/>: <c>db/migrations/&lt;folder&gt;/*.sql</c>, embedded in
    /// this assembly by the build, so a deployment cannot lose them or run another copy. Unordered; the
    /// migrator orders and checks them.
    /// </summary>
    public static IReadOnlyList<MigrationScript> Shipped(StorageProvider provider)
    {
        var prefix = ResourcePrefix + provider switch
        {
            StorageProvider.Sqlite => "sqlite.",
            StorageProvider.SqlServer => "sqlserver.",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        var assembly = typeof(MigrationScript).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(new MigrationScript(resource[prefix.Length..], reader.ReadToEnd()));
        }

        return scripts;
    }
}
