namespace Nexus.Testing;

/// <summary>
/// Finds <c>tests/fixtures</c> from wherever the tests run, by walking up from the test assembly's folder to
/// the directory holding <c>Nexus.Bot.sln</c>.
/// </summary>
public static class FixturePaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder with Nexus.Bot.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>tests/fixtures</c>.</summary>
    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "fixtures");

    /// <summary><c>tests/fixtures/discord</c>.</summary>
    public static string Discord => Path.Combine(Fixtures, "discord");

    /// <summary><c>tests/fixtures/discord/openapi.json</c>.</summary>
    public static string OpenApi => Path.Combine(Discord, "openapi.json");

    /// <summary>A file of <c>tests/fixtures/discord/examples</c>.</summary>
    public static string DiscordExample(string fileName) => Path.Combine(Discord, "examples", fileName);

    /// <summary>Every example payload file.</summary>
    public static IReadOnlyList<string> DiscordExamples() =>
        [.. Directory.GetFiles(Path.Combine(Discord, "examples"), "*.json").Order(StringComparer.Ordinal)];

    /// <summary>The text of a file under <c>tests/fixtures</c>.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Fixtures, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nexus.Bot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Nexus.Bot.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
