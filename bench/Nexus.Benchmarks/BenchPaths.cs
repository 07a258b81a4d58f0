namespace Nexus.Benchmarks;

/// <summary>Where the benchmarks find the bot and keep their data and results, from the repository root.</summary>
internal static class BenchPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Generated databases (git-ignored): cached per size and generator version, plus working copies.</summary>
    public static string Data => Path.Combine(Root, "bench", "data");

    /// <summary>The JSON figures of each scenario (committed: the figures docs/performance.md quotes).</summary>
    public static string Results => Path.Combine(Root, "bench", "results");

    /// <summary>The bot built in the same configuration as this program (the project reference builds it first).</summary>
    public static string BotAssembly
    {
        get
        {
            // bench/Nexus.Benchmarks/bin/<Configuration>/net10.0/ → src/Nexus.Bot/bin/<Configuration>/net10.0/
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var path = Path.Combine(Root, "src", "Nexus.Bot", "bin", configuration, framework.Name, "Nexus.Bot.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the bot first: {path} is missing.", path);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nexus.Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Nexus.Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
