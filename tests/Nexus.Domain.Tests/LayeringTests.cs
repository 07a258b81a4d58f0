namespace Nexus.Domain.Tests;

/// <summary>
/// The case model and its rules never touch SQL, hosting or Discord. They share an assembly with
/// Storage/, so the check reads the sources of those folders for the namespaces they must not use.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Forbidden =
    [
        "Nexus.Domain.Storage", "Dapper", "Microsoft.Data", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.DependencyInjection", "Nexus.Discord",
    ];

    private static string DomainSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nexus.Bot.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Nexus.Domain");
            }
        }

        throw new InvalidOperationException("Nexus.Bot.sln not found above the test output.");
    }

    [Theory]
    [InlineData("Cases")]
    [InlineData("Common")]
    [InlineData("Settings")]
    public void Model_folders_use_no_storage_hosting_or_discord_namespace(string folder)
    {
        var files = Directory.EnumerateFiles(Path.Combine(DomainSource(), folder), "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);

        var offending = files
            .SelectMany(file => File.ReadLines(file).Select(line => (file, line)))
            .Where(x => Forbidden.Any(ns => x.line.Contains(ns, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetFileName(x.file)}: {x.line.Trim()}");

        Assert.Empty(offending);
    }
}
