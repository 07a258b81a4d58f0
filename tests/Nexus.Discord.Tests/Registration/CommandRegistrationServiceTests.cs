using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using Nexus.Discord.Commands;
using Nexus.Discord.Hosting;
using Nexus.Discord.Models;
using Nexus.Discord.Registration;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Gateway;
using Nexus.Discord.Tests.Rest;

namespace Nexus.Discord.Tests.Registration;

public sealed class CommandRegistrationServiceTests : IDisposable
{
    private const ulong AppId = 1064121768345600001;
    private const ulong GuildId = 981346340044800001;

    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "nexus-registration-" + Guid.NewGuid().ToString("N"));
    private readonly Mock<IDiscordRestClient> _rest = new(MockBehavior.Strict);
    private readonly LogCapture _logs = new();
    private IReadOnlyList<ApplicationCommandJson> _commands = [new() { Name = "mycase", Description = "Track your case" }];

    public CommandRegistrationServiceTests()
    {
        _rest.Setup(r => r.BulkOverwriteGlobalCommandsAsync(AppId, It.IsAny<IReadOnlyList<ApplicationCommandJson>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _rest.Setup(r => r.BulkOverwriteGuildCommandsAsync(AppId, GuildId, It.IsAny<IReadOnlyList<ApplicationCommandJson>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    private CommandRegistrationService Service(
        string? token = "FAKE.BOT.TOKEN-not-real", ulong? devGuild = null, ulong appId = AppId, string api = "https://discord.com/api", string? stateFile = null)
    {
        var source = new Mock<IApplicationCommandSource>();
        source.Setup(s => s.GetApplicationCommands()).Returns(() => _commands);
        var store = new FileRegistrationStateStore(Options.Create(new CommandRegistrationOptions { StateDirectory = _stateDirectory, StateFileName = stateFile }));
        var options = Options.Create(new DiscordOptions { Token = token, ApplicationId = appId, DevGuildId = devGuild, ApiBaseUrl = api });
        using var factory = LoggerFactory.Create(b => b.AddProvider(_logs));
        return new CommandRegistrationService(source.Object, _rest.Object, store, options, factory.CreateLogger<CommandRegistrationService>());
    }

    [Fact]
    public async Task Registers_globally_once_then_skips_while_the_json_is_unchanged()
    {
        Assert.True(await Service().RegisterAsync(CancellationToken.None));
        Assert.False(await Service().RegisterAsync(CancellationToken.None));

        _rest.Verify(r => r.BulkOverwriteGlobalCommandsAsync(AppId, _commands, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains(_logs.Lines, l => l.Text.Contains("unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registers_again_when_the_json_changes()
    {
        await Service().RegisterAsync(CancellationToken.None);
        _commands = [new() { Name = "mycase", Description = "Track your NEXUS case" }];

        Assert.True(await Service().RegisterAsync(CancellationToken.None));

        _rest.Verify(r => r.BulkOverwriteGlobalCommandsAsync(AppId, It.IsAny<IReadOnlyList<ApplicationCommandJson>>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task With_a_dev_guild_it_registers_in_the_guild_and_a_scope_change_registers_again()
    {
        Assert.True(await Service(devGuild: GuildId).RegisterAsync(CancellationToken.None));
        Assert.True(await Service().RegisterAsync(CancellationToken.None));

        _rest.Verify(r => r.BulkOverwriteGuildCommandsAsync(AppId, GuildId, _commands, It.IsAny<CancellationToken>()), Times.Once);
        _rest.Verify(r => r.BulkOverwriteGlobalCommandsAsync(AppId, _commands, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Without_a_token_registration_is_skipped_with_one_log_line()
    {
        Assert.False(await Service(token: null).RegisterAsync(CancellationToken.None));

        _rest.VerifyNoOtherCalls();
        var line = Assert.Single(_logs.Lines);
        Assert.Equal("no bot token: command registration skipped", line.Text);
    }

    [Fact]
    public async Task A_failed_registration_is_logged_records_nothing_and_is_retried_at_the_next_start()
    {
        _rest.SetupSequence(r => r.BulkOverwriteGlobalCommandsAsync(AppId, It.IsAny<IReadOnlyList<ApplicationCommandJson>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordRestException(400, 50035, "Discord PUT /applications/{application_id}/commands failed with HTTP 400, code 50035: Invalid Form Body"))
            .Returns(Task.CompletedTask);

        Assert.False(await Service().RegisterAsync(CancellationToken.None));
        Assert.True(await Service().RegisterAsync(CancellationToken.None));

        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Error && l.Text.Contains("50035", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_hosted_service_does_not_crash_the_host_when_discord_fails()
    {
        _rest.Setup(r => r.BulkOverwriteGlobalCommandsAsync(AppId, It.IsAny<IReadOnlyList<ApplicationCommandJson>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));
        var service = Service();

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void The_hash_covers_the_json_the_scope_the_application_the_api_and_the_token()
    {
        const string api = "https://discord.com/api";
        const string token = "FAKE.BOT.TOKEN-not-real";
        var json = "[{\"name\":\"a\"}]"u8;

        var global = CommandRegistrationService.ComputeHash(AppId, api, token, null, json);

        Assert.Matches("^[0-9a-f]{64}$", global);
        Assert.Equal(global, CommandRegistrationService.ComputeHash(AppId, api, token, null, json));
        Assert.Equal(global, CommandRegistrationService.ComputeHash(AppId, api + "/", token, null, json));
        Assert.NotEqual(global, CommandRegistrationService.ComputeHash(AppId, api, token, GuildId, json));
        Assert.NotEqual(global, CommandRegistrationService.ComputeHash(AppId + 1, api, token, null, json));
        Assert.NotEqual(global, CommandRegistrationService.ComputeHash(AppId, api, token, null, "[{\"name\":\"b\"}]"u8));
        Assert.NotEqual(global, CommandRegistrationService.ComputeHash(AppId, "http://127.0.0.1:5199/api", token, null, json));
        Assert.NotEqual(global, CommandRegistrationService.ComputeHash(AppId, api, token + "x", null, json));
        Assert.DoesNotContain(token, global, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_staged_against_a_fake_discord_registers_on_the_real_one()
    {
        Assert.True(await Service(api: "http://127.0.0.1:5199/api").RegisterAsync(CancellationToken.None));
        Assert.True(await Service(api: "https://discord.com/api").RegisterAsync(CancellationToken.None));
        Assert.False(await Service(api: "https://discord.com/api").RegisterAsync(CancellationToken.None));

        _rest.Verify(r => r.BulkOverwriteGlobalCommandsAsync(AppId, _commands, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Another_token_registers_again_and_the_token_is_written_nowhere()
    {
        Assert.True(await Service(token: "FIRST.BOT.TOKEN").RegisterAsync(CancellationToken.None));
        Assert.True(await Service(token: "SECOND.BOT.TOKEN").RegisterAsync(CancellationToken.None));

        var recorded = await File.ReadAllTextAsync(Path.Combine(_stateDirectory, FileRegistrationStateStore.FileName));
        Assert.DoesNotContain("TOKEN", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_registers_although_the_record_says_discord_has_the_commands()
    {
        // The commands were deleted in the Developer Portal: only the operator knows.
        Assert.True(await Service().RegisterAsync(CancellationToken.None));
        Assert.True(await Service().RegisterAsync(force: true, CancellationToken.None));

        _rest.Verify(r => r.BulkOverwriteGlobalCommandsAsync(AppId, _commands, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Each_state_file_keeps_its_own_record()
    {
        Assert.True(await Service(stateFile: "staging.db.commands.sha256").RegisterAsync(CancellationToken.None));
        Assert.True(await Service(stateFile: "nexus.db.commands.sha256").RegisterAsync(CancellationToken.None));
        Assert.False(await Service(stateFile: "staging.db.commands.sha256").RegisterAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_file_store_round_trips_and_starts_empty()
    {
        var store = new FileRegistrationStateStore(Options.Create(new CommandRegistrationOptions { StateDirectory = _stateDirectory }));

        Assert.Null(await store.GetLastHashAsync(CancellationToken.None));
        await store.SaveHashAsync("abc123", CancellationToken.None);

        Assert.Equal("abc123", await store.GetLastHashAsync(CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_stateDirectory, FileRegistrationStateStore.FileName)));
    }

    [Fact]
    public async Task Through_the_real_rest_pipeline_one_put_goes_to_the_guild_path_and_a_restart_sends_nothing()
    {
        var stub = new StubDiscordHandler((_, _) => StubDiscordHandler.Json(HttpStatusCode.OK, "[]"));
        ServiceProvider Build()
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider());
            services.Configure<DiscordOptions>(o =>
            {
                o.Token = "FAKE.BOT.TOKEN-not-real";
                o.ApplicationId = AppId;
                o.DevGuildId = GuildId;
                o.ApiBaseUrl = "http://discord.test/api";
            });
            services.AddSingleton(Mock.Of<IApplicationCommandSource>(s => s.GetApplicationCommands() == _commands));
            services.AddDiscordRest().ConfigurePrimaryHttpMessageHandler(() => stub);
            services.AddDiscordCommandRegistration(o => o.StateDirectory = _stateDirectory);
            return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        }

        using (var first = Build())
        {
            Assert.True(await first.GetRequiredService<CommandRegistrationService>().RegisterAsync(CancellationToken.None));
        }

        using (var second = Build())
        {
            Assert.False(await second.GetRequiredService<CommandRegistrationService>().RegisterAsync(CancellationToken.None));
        }

        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal($"/api/v10/applications/{AppId}/guilds/{GuildId}/commands", request.Path);
        Assert.Equal("""[{"name":"mycase","description":"Track your case","type":1}]""", request.BodyText);
    }
}
