using Nexus.Bot.Tests.Support;

namespace Nexus.Bot.Tests.Shell;

/// <summary>The built bot's shell with piped input, as a script or a newcomer's first command would run it.</summary>
public sealed class ShellProcessTests : IDisposable
{
    private readonly TempFolder _first = new();
    private readonly TempFolder _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    private const string Script = """
        /help
        /mycase start 2024-01-10 initial ca-citizen centre:blaine
        /mycase update conditional 2024-03-01
        /mycase update interview 05/01/2024
        /stats
        /cases
        :click 3
        /nope
        :quit
        """;

    [Fact]
    public async Task Piped_input_runs_line_by_line_with_stable_plain_output_and_exit_code_0()
    {
        // Both save their files (the /stats chart) in one folder, so the "saved to" lines read the same.
        var (exit, output, error) = await BotProcess.RunAsync(Script, "shell", "--db", _first.Database, "--demo", "--today", "2024-06-01", "--charts", _first.Path);
        var (_, again, _) = await BotProcess.RunAsync(Script, "shell", "--db", _second.Database, "--demo", "--today", "2024-06-01", "--charts", _first.Path);

        Assert.True(exit == 0, error);
        Assert.StartsWith("Demo: created 360 synthetic cases in server 'local'.\n\n> /help\n== Nexus commands [blue] ==\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("> /mycase update interview 05/01/2024\n(only you can see this)\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("! Unknown command '/nope'", output, StringComparison.Ordinal);
        Assert.Contains("Page 2 of", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
        Assert.Equal(output, again);
        Assert.Contains($"[file] stats.png (", output, StringComparison.Ordinal);
        Assert.Contains($"saved to {Path.Combine(_first.Path, "stats.png")}", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_first.Path, "stats.png")));
        Assert.True(File.Exists(_first.Database));
    }
}
