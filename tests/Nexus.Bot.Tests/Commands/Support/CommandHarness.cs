using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Bot.Commands;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Hosting;
using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;
using Nexus.Testing;
using Nexus.Testing.OpenApi;

namespace Nexus.Bot.Tests.Commands.Support;

/// <summary>
/// The member commands as Discord reaches them: the real registry from <see cref="CommandCatalog"/>, the
/// real dispatcher and handlers, storage on a migrated temporary SQLite file, and a fake clock.
/// Replies are captured as the wire objects Discord would receive.
/// </summary>
public sealed class CommandHarness : IAsyncDisposable
{
    public const ulong Guild = 981346340044800001;
    public const ulong OtherGuild = 981346340044800009;
    public const ulong Alice = 554211842457600004;
    public const ulong Bob = 554211842457600005;
    public const ulong Carol = 554211842457600006;

    /// <summary>Manage Server: what makes a member a moderator without a configured role.</summary>
    public const ulong ManageServer = 1UL << 5;

    private static long _nextId = 1_400_000_000_000_000_000;
    private readonly string _path;
    private readonly ServiceProvider _services;

    private CommandHarness(string path, DateOnly today, Action<IServiceCollection>? configure)
    {
        _path = path;
        Clock = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={path}" })
            .Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddNexusStorage();
        configure?.Invoke(services);
        services.AddNexusCommandServices();
        // As the bot runs them: each interaction in its member's language (its refusals and errors too), a storage
        // outage answered as one, the commands with their translations.
        services.AddNexusDispatchSeams();
        services.AddDiscordCore(registry => registry.AddNexusCommands().Translate(CommandTranslations.Instance));
        services.AddSingleton<IDiscordRestClient>(_ => throw new InvalidOperationException("The commands must not call Discord's REST API directly."));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The invoking member's Discord locale (<c>locale</c>); <c>fr</c> for a French client.</summary>
    public string Locale { get; set; } = "en-US";

    /// <summary>The server's locale (<c>guild_locale</c>), the language of public posts.</summary>
    public string GuildLocale { get; set; } = "en-US";

    /// <summary>The SQLite file behind the commands, for tests that read the stored rows themselves.</summary>
    public string DatabasePath => _path;

    public IServiceProvider Services => _services;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>A harness on a fresh database; <paramref name="configure"/> registers services before the application's (which then keeps them).</summary>
    public static async Task<CommandHarness> CreateAsync(DateOnly? today = null, Action<IServiceCollection>? configure = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexus-commands-{Guid.NewGuid():N}.db");
        var harness = new CommandHarness(path, today ?? new DateOnly(2024, 6, 1), configure);
        await harness._services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Dispatches a slash command by <paramref name="user"/> and returns what was sent.</summary>
    public Task<Captured> RunAsync(ulong user, string command, params InteractionOption[] options) =>
        DispatchAsync(Base(InteractionType.ApplicationCommand, user) with
        {
            Data = new InteractionData { Id = 1224327403929600005, Name = command, Type = 1, Options = options },
        });

    /// <summary>Dispatches a slash command with a resolved user option (as Discord sends user options).</summary>
    public Task<Captured> RunWithUserAsync(ulong user, string command, InteractionOption sub, User resolved, GuildMember? member = null) =>
        DispatchAsync(Base(InteractionType.ApplicationCommand, user) with
        {
            Data = new InteractionData
            {
                Id = 1224327403929600005,
                Name = command,
                Type = 1,
                Options = [sub],
                Resolved = new ResolvedData
                {
                    Users = new Dictionary<string, User> { [resolved.Id.ToString(CultureInfo.InvariantCulture)] = resolved },
                    Members = member is null ? null : new Dictionary<string, GuildMember> { [resolved.Id.ToString(CultureInfo.InvariantCulture)] = member },
                },
            },
        });

    /// <summary>Presses a button on a message that <paramref name="originalUser"/>'s command produced.</summary>
    public Task<Captured> ClickAsync(ulong user, string customId, ulong? originalUser, bool ephemeralMessage = false) =>
        DispatchAsync(Base(InteractionType.MessageComponent, user) with
        {
            Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
            Message = new MessageReference
            {
                Id = 1235236792827904015,
                Flags = ephemeralMessage ? (int)MessageFlags.Ephemeral : 0,
                InteractionMetadata = originalUser is { } asker ? new MessageInteractionMetadata { Id = 1, User = new User { Id = asker } } : null,
            },
        });

    /// <summary>Asks for autocomplete suggestions while <paramref name="options"/> are typed (one focused).</summary>
    public Task<Captured> AutocompleteAsync(ulong user, string command, params InteractionOption[] options) =>
        DispatchAsync(Base(InteractionType.ApplicationCommandAutocomplete, user) with
        {
            Data = new InteractionData { Id = 1224327403929600005, Name = command, Type = 1, Options = options },
        });

    public ulong Permissions { get; set; } = 1126211396160577 & ~ManageServer & ~(1UL << 3);

    public ulong? GuildOverride { get; set; } = Guild;

    public async Task<Captured> DispatchAsync(Interaction interaction)
    {
        var recorded = new RecordingResponder();
        await _services.GetRequiredService<IInteractionDispatcher>().DispatchAsync(interaction, recorded, CancellationToken.None);
        return new Captured(recorded);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private Interaction Base(InteractionType type, ulong user) => new()
    {
        Id = (ulong)Interlocked.Increment(ref _nextId),
        ApplicationId = 1064121768345600001,
        Type = type,
        GuildId = GuildOverride,
        ChannelId = 981347598336000002,
        Member = GuildOverride is null ? null : new GuildMember { User = new User { Id = user, Username = $"user{user % 100}" }, Permissions = Permissions },
        User = GuildOverride is null ? new User { Id = user, Username = $"user{user % 100}" } : null,
        Token = "FAKE_INTERACTION_TOKEN_not-a-real-token",
        Version = 1,
        Locale = Locale,
        GuildLocale = GuildOverride is null ? null : GuildLocale,
        Context = GuildOverride is null ? 1 : 0,
    };
}

/// <summary>What the dispatcher sent for one interaction, read as a command test reads it.</summary>
public sealed class Captured(RecordingResponder recorded)
{
    public ConcurrentQueue<InteractionResponse> Responses => recorded.Responses;

    public ConcurrentQueue<MessagePayload> Edits => recorded.Edits;

    public ConcurrentQueue<MessagePayload> FollowUps => recorded.FollowUps;

    /// <summary>Files sent with the response, an edit of it or a follow-up.</summary>
    public ConcurrentQueue<FileUpload> Files => recorded.Files;

    /// <summary>The one initial response.</summary>
    public InteractionResponse Response => Assert.Single(Responses);

    public InteractionCallbackData Data => Response.Data!;

    public bool Ephemeral => Data.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral);

    public Embed Embed => Assert.Single(Data.Embeds!);

    /// <summary>Every text of the reply: content, titles, descriptions, fields and footers, for "contains" checks.</summary>
    public string AllText => ReplyText.Of(Data.Content, Data.Embeds);

    public string Json => JsonSerializer.Serialize(Response, DiscordJsonContext.Default.InteractionResponse);

    /// <summary>Asserts an ephemeral type-4 reply that is only <paramref name="text"/>.</summary>
    public void AssertError(string text)
    {
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, Response.Type);
        Assert.True(Ephemeral, "Errors are always ephemeral.");
        Assert.Equal(text, Data.Content);
        Assert.Null(Data.Embeds);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", Json);
    }

    /// <summary>
    /// Asserts a whole message reply (type 4, or 7 for a button) as Discord would accept it: valid against
    /// openapi.json, within the embed limits, public or ephemeral as expected, and pinging nobody.
    /// </summary>
    public void AssertValidReply(bool ephemeral, InteractionCallbackType type = InteractionCallbackType.ChannelMessageWithSource)
    {
        Assert.Equal(type, Response.Type);
        Assert.Equal(ephemeral, Ephemeral);
        OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", Json);
        Assert.Empty(EmbedLimits.Violations(Data.Embeds ?? []));
        Assert.Empty(Data.AllowedMentions!.Parse);
        Assert.DoesNotContain("<@", AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("<t:", AllText, StringComparison.Ordinal);
    }

    /// <summary>The custom ids of the reply's buttons.</summary>
    public IReadOnlyList<string> ButtonIds => [.. (Data.Components ?? []).SelectMany(row => row.Components ?? []).Select(c => c.CustomId!)];
}
