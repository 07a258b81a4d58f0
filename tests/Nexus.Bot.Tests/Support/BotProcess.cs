using System.Diagnostics;

namespace Nexus.Bot.Tests.Support;

/// <summary>Runs the built bot (Nexus.Bot.dll in this test's output) as a child process, as an operator would.</summary>
public static class BotProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? input, params string[] args)
    {
        var bot = System.IO.Path.Combine(AppContext.BaseDirectory, "Nexus.Bot.dll");
        Assert.True(File.Exists(bot), $"{bot} is missing from the test output.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(bot);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Keep the developer's own settings out of the child.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Storage__", StringComparison.Ordinal) || k.StartsWith("Discord__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
