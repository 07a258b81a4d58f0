using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Host;

/// <summary>deploy/: the systemd units and the environment file template agree with the bot's settings.</summary>
public sealed partial class ServiceUnitTests
{
    private static string Deploy(string file) => Path.Combine(FixturePaths.RepositoryRoot, "deploy", file);

    public static TheoryData<string> DeployFiles() => ["nexus.service", "nexus-backup.service", "nexus.env.example"];

    [Theory]
    [MemberData(nameof(DeployFiles))]
    public void A_deploy_file_names_only_settings_that_exist(string file)
    {
        var known = KnownSettings();
        var lines = File.ReadAllLines(Deploy(file));
        var named = file.EndsWith(".env.example", StringComparison.Ordinal) ? EnvironmentFileNames(lines) : UnitSettings(lines);

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.True(
            known.Contains(name.Replace("__", ":", StringComparison.Ordinal)),
            $"{file} sets {name}, which is neither in appsettings.example.json nor in the configuration table."));
    }

    [Fact]
    public void The_service_is_a_notify_service_of_its_own_user_with_its_state_directory_and_a_stop_longer_than_the_bots()
    {
        var unit = Directives(File.ReadAllLines(Deploy("nexus.service")));

        Assert.Equal("notify", unit["Type"].Single());
        Assert.Equal("nexus", unit["User"].Single());
        Assert.Equal("nexus", unit["StateDirectory"].Single());
        Assert.Equal("strict", unit["ProtectSystem"].Single());
        Assert.Equal("yes", unit["NoNewPrivileges"].Single());
        Assert.Equal("on-failure", unit["Restart"].Single());
        Assert.StartsWith("/etc/", unit["EnvironmentFile"].Single(), StringComparison.Ordinal);
        // The database and the registration state live in the state directory, the only writable place.
        Assert.Contains(unit["Environment"], e => e.Contains("Storage__ConnectionString=Data Source=/var/lib/nexus/", StringComparison.Ordinal));
        Assert.Contains(unit["Environment"], e => e.StartsWith("Discord__Registration__StateDirectory=/var/lib/nexus/", StringComparison.Ordinal));

        // systemd kills what is still running after TimeoutStopSec: it must leave the bot its whole Shutdown:Timeout.
        var shutdown = TimeSpan.Parse(unit["Environment"].Single(e => e.StartsWith("Shutdown__Timeout=", StringComparison.Ordinal)).Split('=')[1], CultureInfo.InvariantCulture);
        var stopSeconds = int.Parse(unit["TimeoutStopSec"].Single().TrimEnd('s'), CultureInfo.InvariantCulture);
        Assert.True(TimeSpan.FromSeconds(stopSeconds) >= shutdown + TimeSpan.FromSeconds(10), $"TimeoutStopSec {stopSeconds}s leaves too little beyond Shutdown:Timeout {shutdown}.");
    }

    /// <summary>Every key of appsettings.example.json (as Section:Key) and of the configuration table.</summary>
    private static HashSet<string> KnownSettings()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "appsettings.example.json"))))
        {
            Flatten(example.RootElement, "", keys);
        }

        foreach (var page in new[] { "README.md", Path.Combine("docs", "configuration.md") })
        {
            foreach (Match row in TableKey().Matches(File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, page))))
            {
                keys.Add(row.Groups["key"].Value);
            }
        }

        return keys;
    }

    private static void Flatten(JsonElement element, string prefix, HashSet<string> keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            keys.Add(prefix);
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + ":" + property.Name, keys);
        }
    }

    /// <summary>The variable names a unit's Environment= lines set, and the --Key=value arguments of ExecStart.</summary>
    private static List<string> UnitSettings(string[] lines)
    {
        var names = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()))
        {
            if (line.StartsWith("Environment=", StringComparison.Ordinal))
            {
                names.AddRange(Words(line["Environment=".Length..]).Select(word => word.Split('=')[0]));
            }
            else if (line.StartsWith("ExecStart", StringComparison.Ordinal))
            {
                names.AddRange(CommandLineSetting().Matches(line).Select(m => m.Groups["key"].Value));
            }
        }

        return names;
    }

    /// <summary>The names an environment file sets, commented-out examples included (operators uncomment them).</summary>
    private static List<string> EnvironmentFileNames(string[] lines) =>
        [.. lines.Select(l => EnvironmentFileLine().Match(l.Trim())).Where(m => m.Success).Select(m => m.Groups["name"].Value)];

    private static Dictionary<string, List<string>> Directives(string[] lines)
    {
        var directives = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not '#' and not '[' && l.Contains('=', StringComparison.Ordinal)))
        {
            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (!directives.TryGetValue(key, out var values))
            {
                directives[key] = values = [];
            }

            values.AddRange(key == "Environment" ? Words(value) : [value]);
        }

        return directives;
    }

    /// <summary>systemd's word splitting of an Environment= value: spaces separate, double quotes group.</summary>
    private static IEnumerable<string> Words(string value) =>
        QuotedWord().Matches(value).Select(m => m.Value.Replace("\"", "", StringComparison.Ordinal));

    [GeneratedRegex("""(?:"[^"]*"|[^\s"])+""")]
    private static partial Regex QuotedWord();

    [GeneratedRegex(@"^#?(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvironmentFileLine();

    [GeneratedRegex(@"\s--(?<key>[A-Za-z][A-Za-z0-9:]*)=")]
    private static partial Regex CommandLineSetting();

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z][A-Za-z0-9:]*)`", RegexOptions.Multiline)]
    private static partial Regex TableKey();
}
