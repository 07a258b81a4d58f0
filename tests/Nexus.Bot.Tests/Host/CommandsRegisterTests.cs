using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Cli;
using Nexus.Bot.Tests.Support;
using Nexus.Testing.OpenApi;

namespace Nexus.Bot.Tests.Host;

/// <summary>
/// <c>commands register [--force]</c> as an operator runs it, against a stub Discord listening on loopback
/// (the verb builds its own host, so the stub is reached through <c>Discord:ApiBaseUrl</c>), with a test token.
/// </summary>
public sealed class CommandsRegisterTests : IAsyncLifetime, IDisposable
{
    private const string ApplicationId = "1064121768345600001";
    private readonly TempFolder _folder = new();
    private readonly ConcurrentQueue<(string Method, string Path, string Authorization, string Body)> _calls = new();
    private WebApplication _discord = null!;
    private string _api = "";

    /// <summary>The status the stub answers the bulk overwrite with.</summary>
    private int _status = StatusCodes.Status200OK;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _discord = builder.Build();
        _discord.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _calls.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.ToString(), body));
            context.Response.StatusCode = _status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(_status == StatusCodes.Status200OK ? body : """{"message": "401: Unauthorized", "code": 0}""");
        });
        await _discord.StartAsync();
        var address = _discord.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _api = address + "/api";
    }

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private async Task<(int Exit, string Output, string Error)> RegisterAsync(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await NexusHost.RunAsync(
            [
                "commands", "register",
                "--Discord:Token=test-token",
                $"--Discord:ApplicationId={ApplicationId}",
                $"--Discord:ApiBaseUrl={_api}",
                _folder.ConnectionArgument,
                .. extra,
            ],
            output,
            error);
        return (exit, output.ToString().Trim(), error.ToString().Trim());
    }

    [Fact]
    public async Task Registers_once_skips_unchanged_commands_and_sends_them_again_with_force()
    {
        var first = await RegisterAsync();
        var second = await RegisterAsync();
        var forced = await RegisterAsync("--force");

        Assert.Equal((0, ""), (first.Exit, first.Error));
        var count = JsonNode.Parse(Assert.Single(_calls.Take(1)).Body)!.AsArray().Count;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Registered {count} commands globally with {_api}."), first.Output);
        Assert.Equal((0, ""), (second.Exit, second.Error));
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"Unchanged: the last registration for this database sent these {count} commands globally to {_api}; nothing was sent. Use --force to send them anyway."),
            second.Output);
        Assert.Equal((0, first.Output), (forced.Exit, forced.Output));

        // Two bulk overwrites (never a POST per command), with the bot token, of exactly what `commands export` prints.
        Assert.Equal(2, _calls.Count);
        using var exported = new StringWriter();
        Assert.Equal(0, await NexusHost.RunAsync(["commands", "export"], exported, TextWriter.Null));
        foreach (var call in _calls)
        {
            Assert.Equal(("PUT", $"/api/v10/applications/{ApplicationId}/commands", "Bot test-token"), (call.Method, call.Path, call.Authorization));
            Assert.Equal(exported.ToString().TrimEnd(), call.Body);
            foreach (var command in JsonNode.Parse(call.Body)!.AsArray())
            {
                OpenApiSchemaValidator.Discord.AssertValid(command!.ToJsonString(), "ApplicationCommandCreateRequest");
            }
        }

        // The record sits beside the database, as the bot's own start-up registration reads it.
        Assert.True(File.Exists(_folder.Database + ".commands.sha256"));
    }

    [Fact]
    public async Task A_development_server_is_a_scope_of_its_own()
    {
        await RegisterAsync();

        // Another development server is another scope: registered there even though the global ones are recorded.
        var guild = await RegisterAsync("--Discord:DevGuildId=42");

        Assert.Equal(0, guild.Exit);
        Assert.Equal($"Registered {JsonNode.Parse(_calls.First().Body)!.AsArray().Count} commands in server 42 with {_api}.", guild.Output);
        Assert.Equal(
            [$"/api/v10/applications/{ApplicationId}/commands", $"/api/v10/applications/{ApplicationId}/guilds/42/commands"],
            _calls.Select(c => c.Path));
        Assert.StartsWith("Unchanged:", (await RegisterAsync("--Discord:DevGuildId=42")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_it_stops_with_one_line_and_calls_nobody()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await NexusHost.RunAsync(
            ["commands", "register", "--force", "--Discord:Mode=Http", $"--Discord:ApplicationId={ApplicationId}", $"--Discord:ApiBaseUrl={_api}", _folder.ConnectionArgument],
            output,
            error);

        Assert.Equal(NexusHost.ExitConfiguration, exit);
        Assert.Equal(
            "Configuration error: registering commands needs the bot token: set Discord:Token (dotnet user-secrets or the Discord__Token environment variable).",
            error.ToString().Trim());
        Assert.Empty(output.ToString());
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task A_refusal_from_discord_is_one_line_with_its_reason_and_nothing_is_recorded()
    {
        _status = StatusCodes.Status401Unauthorized;

        var refused = await RegisterAsync();

        Assert.Equal(CommandsVerb.ExitRegistrationFailed, refused.Exit);
        var line = Assert.Single(refused.Error.Split('\n'));
        Assert.StartsWith($"Registration failed (", line, StringComparison.Ordinal);
        Assert.Contains("401", line, StringComparison.Ordinal);
        Assert.EndsWith("Discord keeps the commands it had.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("test-token", refused.Output + refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Database + ".commands.sha256"));

        // Once Discord accepts, the next run registers: a failure never counts as registered.
        _status = StatusCodes.Status200OK;
        Assert.StartsWith("Registered", (await RegisterAsync()).Output, StringComparison.Ordinal);
    }
}
