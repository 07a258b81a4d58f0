using System.Text.Json.Nodes;

namespace Nexus.Discord.Tests.Gateway;

/// <summary>Reads the example payloads in tests/fixtures/discord/examples.</summary>
internal static class DiscordExamples
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "discord", "examples");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/discord/examples not found above " + AppContext.BaseDirectory);
    });

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory.Value, name));

    public static JsonNode Node(string name) => JsonNode.Parse(Text(name))!;
}
