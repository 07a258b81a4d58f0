using System.Text.Json;
using System.Text.Json.Nodes;
using Nexus.Bot.Hosting;
using Nexus.Bot.Tests.Support;
using Nexus.Testing.OpenApi;

namespace Nexus.Bot.Tests.Host;

/// <summary>The verbs and start-up configuration errors, as an operator sees them.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<(int ExitCode, string Output, string Error)> RunInProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await NexusHost.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Commands_export_prints_only_a_json_array_valid_for_discord()
    {
        var (exit, output, error) = await BotProcess.RunAsync(null, "commands", "export");

        Assert.True(exit == 0, error);
        var commands = JsonNode.Parse(output)!.AsArray();
        Assert.Contains(commands, c => (string)c!["name"]! == "mycase");
        Assert.Contains(commands, c => (string)c!["name"]! == "stats");
        foreach (var command in commands)
        {
            OpenApiSchemaValidator.Discord.AssertValid(command!.ToJsonString(), "ApplicationCommandCreateRequest");
        }

        // Nothing but the array (and its line end) on stdout.
        Assert.Equal(output.Trim(), JsonNode.Parse(output)!.ToJsonString());
    }

    [Fact]
    public async Task Commands_export_carries_french_for_every_name_description_and_choice_and_validates()
    {
        var (exit, output, error) = await RunInProcessAsync("commands", "export");

        Assert.True(exit == 0, error);
        var untranslated = new List<string>();
        foreach (var command in JsonNode.Parse(output)!.AsArray())
        {
            OpenApiSchemaValidator.Discord.AssertValid(command!.ToJsonString(), "ApplicationCommandCreateRequest");
            Walk(command, "/" + (string)command["name"]!);
        }

        Assert.True(untranslated.Count == 0, "No French for: " + string.Join(", ", untranslated));

        void Walk(JsonNode node, string path)
        {
            if (node["name_localizations"]?["fr"] is null)
            {
                untranslated.Add(path + " name");
            }

            if (node["description_localizations"]?["fr"] is not JsonValue description || (string)description! == (string)node["description"]!)
            {
                untranslated.Add(path + " description");
            }

            foreach (var choice in node["choices"]?.AsArray() ?? [])
            {
                if (choice!["name_localizations"]?["fr"] is null)
                {
                    untranslated.Add(path + " choice " + choice["value"]);
                }
            }

            foreach (var option in node["options"]?.AsArray() ?? [])
            {
                Walk(option!, path + " " + (string)option!["name"]!);
            }
        }
    }

    [Fact]
    public async Task Missing_token_in_gateway_mode_stops_with_one_line_naming_the_key()
    {
        var (exit, output, error) = await BotProcess.RunAsync(null, _folder.ConnectionArgument, "--Discord:ApplicationId=1");

        Assert.Equal(NexusHost.ExitConfiguration, exit);
        Assert.Equal(
            "Configuration error: Discord:Token is required in Gateway mode (set it with dotnet user-secrets or the Discord__Token environment variable).",
            error.Trim());
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_public_key_in_http_mode_stops_with_one_line_naming_the_key()
    {
        var (exit, _, error) = await RunInProcessAsync("--Discord:Mode=Http", "--Discord:ApplicationId=1", _folder.ConnectionArgument);

        Assert.Equal(NexusHost.ExitConfiguration, exit);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("Configuration error: Discord:PublicKey is not set", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Discord:PublicKey=abc", "Configuration error: Discord:PublicKey must be 64 hexadecimal characters")]
    [InlineData("--Discord:Mode=Htp", "Configuration error: Failed to convert configuration value 'Htp' at 'Discord:Mode'")]
    [InlineData("--Discord:ShardId=2", "Configuration error: Discord:ShardId (2) must be less than Discord:ShardCount (1).")]
    public async Task Other_bad_keys_stop_with_one_line_naming_them(string bad, string expected)
    {
        var mode = bad.Contains("PublicKey", StringComparison.Ordinal) ? "--Discord:Mode=Http" : "--Discord:Token=t";
        var (exit, _, error) = await RunInProcessAsync(mode, "--Discord:ApplicationId=1", bad, _folder.ConnectionArgument);

        Assert.Equal(NexusHost.ExitConfiguration, exit);
        Assert.StartsWith(expected, Assert.Single(error.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unrecognized command or argument 'frobnicate'.", "Nexus.Bot [command] [options]", "frobnicate")]
    [InlineData("Required command was not provided.", "Nexus.Bot commands [command] [options]", "commands")]
    [InlineData("--type takes initial or renewal, not 'weekly'.", "Nexus.Bot stats [options]", "stats", "--json", "--type", "weekly")]
    [InlineData("--today takes a date like 2024-06-01, not '06/01/2024'.", "Nexus.Bot stats [options]", "stats", "--json", "--today", "06/01/2024")]
    [InlineData("--centre takes a centre code such as us-wa-blaine, not 'xx'.", "Nexus.Bot stats [options]", "stats", "--json", "--centre", "xx")]
    [InlineData("'stats' prints JSON (--json) or writes the chart (--png FILE): give one of them.", "Nexus.Bot stats [options]", "stats")]
    [InlineData("'stats' prints JSON (--json) or writes the chart (--png FILE): give one of them.", "Nexus.Bot stats [options]", "stats", "--json", "--png", "x.png")]
    [InlineData("Unrecognized command or argument '--colour'.", "Nexus.Bot shell [options]", "shell", "--colour")]
    [InlineData("--Storage:Provider needs a value: --Storage:Provider=VALUE.", null, "migrate", "--Storage:Provider")]
    public async Task Bad_arguments_say_what_is_wrong_and_the_verbs_usage_on_stderr_and_exit_64(string message, string? usage, params string[] args)
    {
        var (exit, output, error) = await RunInProcessAsync(args);

        Assert.Equal(NexusHost.ExitUsage, exit);
        Assert.Empty(output);
        Assert.Equal(message, error.Split(Environment.NewLine)[0]);
        if (usage is not null)
        {
            Assert.Contains("Usage:" + Environment.NewLine + "  " + usage, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "--help" }, new[] { "shell", "stats", "migrate", "commands", "--urls <URLS>" })]
    [InlineData(new[] { "shell", "--help" }, new[] { "--db <PATH>", "--demo", "--today <YYYY-MM-DD>" })]
    [InlineData(new[] { "stats", "-h" }, new[] { "--json", "--db <PATH>", "--server <NAME>", "--type <initial|renewal>", "--status <us-citizen|ca-citizen|us-pr|ca-pr|mx-national>", "--centre <CODE>", "--since <YYYY-MM-DD>" })]
    [InlineData(new[] { "migrate", "--help" }, new[] { "Apply the database migrations and exit." })]
    [InlineData(new[] { "commands", "--help" }, new[] { "export" })]
    [InlineData(new[] { "commands", "export", "--help" }, new[] { "Print the JSON array of commands that registration would PUT." })]
    public async Task Help_on_each_verb_lists_its_options_on_stdout(string[] args, string[] expected)
    {
        var (exit, output, error) = await RunInProcessAsync(args);

        Assert.Equal(NexusHost.ExitOk, exit);
        Assert.Empty(error);
        Assert.Contains($"Usage:{Environment.NewLine}  Nexus.Bot", output, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_verbs_host_validates_every_section_as_the_bot_does()
    {
        // Moderation options are checked at the host's start, which a verb never reaches: it must check them itself.
        var (exit, output, error) = await RunInProcessAsync("migrate", _folder.ConnectionArgument, "--Moderation:PageSize", "50");

        Assert.Equal(NexusHost.ExitConfiguration, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains("PageSize", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Database), "nothing is migrated after a configuration error");
    }

    [Fact]
    public async Task Stats_json_has_the_documented_shape_for_the_server_the_shell_used()
    {
        // Cases recorded in the shell in server "test"...
        using (var shell = await ShellHarness.StartAsync(new DateOnly(2024, 6, 1), _folder.Database))
        {
            await shell.RunAsync(":server test");
            Assert.True(await shell.SeedDemoAsync() > 100);
            await shell.RunAsync("/mycase start 2024-01-10 initial ca-citizen", "/mycase update conditional 2024-03-01");
        }

        // ...are the ones stats --json --server test reads.
        var (exit, output, error) = await RunInProcessAsync("stats", "--json", "--db", _folder.Database, "--server", "test", "--today", "2024-06-01");
        Assert.True(exit == 0, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("test", (string)json["server"]!);
        Assert.Equal(LocalIds.Server("test").ToString(System.Globalization.CultureInfo.InvariantCulture), (string)json["guild_id"]!);
        Assert.Equal("2024-06-01", (string)json["today"]!);
        Assert.Equal("initial", (string)json["filter"]!["type"]!);
        Assert.True((bool)json["filter"]!["type_defaulted"]!);

        var stages = json["stages"]!.AsArray();
        Assert.Equal(["applied-conditional", "conditional-interview", "interview-approved", "approved-card", "applied-card"], stages.Select(s => (string)s!["stage"]!));
        var first = stages[0]!;
        foreach (var key in new[] { "median_days", "median_more_than", "p25_days", "p25_more_than", "p75_days", "p75_more_than", "average_finished_days", "finished", "still_waiting", "longest_current_wait_days" })
        {
            Assert.True(first.AsObject().ContainsKey(key), key);
        }

        Assert.True((bool)first["enough_data"]!);
        var median = (int)first["median_days"]!;
        Assert.InRange(median, 30, 150);
        Assert.InRange((int)first["p25_days"]!, 1, median);
        Assert.True((int)first["finished"]! > 5);
        Assert.True((int)first["still_waiting"]! > 0);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(output).RootElement.GetProperty("now_processing").GetProperty("window_start").ValueKind);
        Assert.Equal(12, json["trend"]!.AsArray().Count);
        Assert.Matches("^[0-9]{4}-[0-9]{2}$", (string)json["trend"]![0]!["month"]!);

        // Another server name is another server: nothing there.
        var (_, other, _) = await RunInProcessAsync("stats", "--json", "--db", _folder.Database, "--server", "elsewhere", "--today", "2024-06-01");
        var empty = JsonNode.Parse(other)!["stages"]![0]!;
        Assert.Equal(0, (int)empty["cases"]!);
        Assert.False((bool)empty["enough_data"]!);
        Assert.Null(empty["median_days"]);
        Assert.Null(empty["average_finished_days"]);
    }

    [Fact]
    public async Task Stats_png_writes_the_chart_of_the_same_filters_and_prints_its_path()
    {
        using (var shell = await ShellHarness.StartAsync(new DateOnly(2024, 6, 1), _folder.Database))
        {
            await shell.SeedDemoAsync();
        }

        var file = Path.Combine(Path.GetDirectoryName(_folder.Database)!, "chart.png");
        var (exit, output, error) = await RunInProcessAsync("stats", "--png", file, "--db", _folder.Database, "--today", "2024-06-01", "--status", "ca-citizen");
        // A server with no cases has nothing to draw.
        var (empty, _, why) = await RunInProcessAsync("stats", "--png", file + ".none", "--db", _folder.Database, "--today", "2024-06-01", "--server", "nobody");

        Assert.True(exit == 0, error);
        Assert.Equal(file + Environment.NewLine, output);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await File.ReadAllBytesAsync(file))[..4]);
        Assert.Equal(NexusHost.ExitChartUnavailable, empty);
        Assert.StartsWith("No chart", why, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".none"));
    }

    [Fact]
    public async Task Stats_json_applies_the_filters()
    {
        using (var shell = await ShellHarness.StartAsync(new DateOnly(2024, 6, 1), _folder.Database))
        {
            await shell.SeedDemoAsync();
        }

        var (exit, output, error) = await RunInProcessAsync("stats", "--json", "--db", _folder.Database, "--today", "2024-06-01",
            "--type", "renewal", "--status", "ca-citizen", "--centre", "us-wa-blaine", "--since", "2023-06-01");

        Assert.True(exit == 0, error);
        var filter = JsonNode.Parse(output)!["filter"]!;
        Assert.Equal("renewal", (string)filter["type"]!);
        Assert.False((bool)filter["type_defaulted"]!);
        Assert.Equal("ca-citizen", (string)filter["status"]!);
        Assert.Equal("us-wa-blaine", (string)filter["centre"]!);
        Assert.Equal("2023-06-01", (string)filter["applied_since"]!);
        Assert.False((bool)filter["period_defaulted"]!);
    }

    [Fact]
    public async Task Stats_json_prints_nothing_but_json_on_stdout_from_the_built_bot()
    {
        var (exit, output, error) = await BotProcess.RunAsync(null, "stats", "--json", "--db", _folder.Database, "--today", "2024-06-01");

        Assert.True(exit == 0, error);
        Assert.Equal("local", (string)JsonNode.Parse(output)!["server"]!);
    }
}
