using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Attachments;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Commands.Config;
using Nexus.Bot.Commands.Mod;
using Nexus.Bot.Feed;
using Nexus.Bot.Hosting;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Hosting;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Domain.Cases;
using Nexus.Domain.Storage;
using Nexus.Domain.Storage.Migrations;
using Nexus.Testing;
using Nexus.Testing.OpenApi;

namespace Nexus.Bot.Tests.Moderation;

/// <summary>
/// The real dispatcher with the <c>/mod</c> and <c>/config</c> modules over a migrated SQLite file, a fake
/// clock (15 June 2025), a fake REST client for the feed, and <c>file://</c> attachments allowed as in the shell.
/// </summary>
public sealed class ModHarness : IAsyncDisposable
{
    public const ulong GuildA = 700_000_000_000_000_001;
    public const ulong GuildB = 700_000_000_000_000_002;
    public const ulong Owner = 710_000_000_000_000_001;
    public const ulong ModA = 720_000_000_000_000_001;
    public const ulong ModB = 720_000_000_000_000_002;
    public const ulong Member = 730_000_000_000_000_001;
    public const ulong ModRole = 740_000_000_000_000_001;

    private static long _nextId = 1_400_000_000_000_000_000;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"nexus-bot-mod-{Guid.NewGuid():N}.db");

    private ModHarness(Action<IServiceCollection>? more)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={_path}" })
            .Build());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IDiscordRestClient>(Rest);
        services.AddNexusStorage();
        // The bot's seams: each interaction is answered in its moderator's language, as in the real host.
        services.AddNexusDispatchSeams();
        services.AddDiscordCore(r => r.AddModCommands().AddConfigCommands());
        services.AddModServices();
        services.AddConfigServices();
        services.AddFeed();
        services.Configure<AttachmentReaderOptions>(o => o.AllowFileUrls = true);
        more?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeClock Clock { get; } = new(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public FakeRest Rest { get; } = new();

    public ServiceProvider Services { get; }

    public ICaseRepository Cases => Services.GetRequiredService<ICaseRepository>();

    public static async Task<ModHarness> CreateAsync(Action<IServiceCollection>? more = null)
    {
        var harness = new ModHarness(more);
        await harness.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    public async Task<Reply> DispatchAsync(Interaction interaction)
    {
        var recorded = new RecordingResponder();
        await Services.GetRequiredService<IInteractionDispatcher>().DispatchAsync(interaction, recorded, CancellationToken.None);
        return new Reply(recorded);
    }

    public async Task<Case> AddCaseAsync(ulong guild, Timeline timeline, ulong? owner = null, DateTimeOffset? updatedAt = null)
    {
        var at = updatedAt ?? Clock.GetUtcNow();
        var draft = new Case
        {
            GuildId = guild,
            OwnerId = owner,
            Type = ApplicationType.Initial,
            ApplicantStatus = ApplicantStatus.UsCitizen,
            Timeline = timeline,
            CreatedAt = at,
            UpdatedAt = at,
        };
        return (await Cases.InsertAsync(draft, [], CancellationToken.None))!;
    }

    /// <summary>A member of <paramref name="guild"/> running a slash command.</summary>
    public static Interaction Command(ulong? guild, ulong user, bool manageServer, ulong[]? roles, string name, InteractionOption sub, ResolvedData? resolved = null) => new()
    {
        Id = (ulong)Interlocked.Increment(ref _nextId),
        ApplicationId = 1064121768345600001,
        Type = InteractionType.ApplicationCommand,
        GuildId = guild,
        ChannelId = 981347598336000002,
        Member = guild is null ? null : new GuildMember { User = new User { Id = user, Username = "someone" }, Roles = roles ?? [], Permissions = manageServer ? ModeratorGate.ManageServer : 0 },
        User = guild is null ? new User { Id = user, Username = "someone" } : null,
        Token = "FAKE_TOKEN",
        Version = 1,
        Data = new InteractionData { Id = 1, Name = name, Type = 1, Options = [sub], Resolved = resolved },
    };

    /// <summary>A calendar date, short for the tests' timelines.</summary>
    public static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>A subcommand with its options, as Discord nests it.</summary>
    public static InteractionOption Sub(string name, params InteractionOption[] options) => InteractionOption.SubCommand(name, options);

    /// <summary>An integer option.</summary>
    public static InteractionOption Int(string name, long value) => InteractionOption.Integer(name, value);

    /// <summary>A string option.</summary>
    public static InteractionOption Str(string name, string value) => InteractionOption.String(name, value);

    /// <summary>A moderator (Manage Server) of server A running <c>/mod …</c>.</summary>
    public static Interaction Mod(InteractionOption sub, ResolvedData? resolved = null) => Command(GuildA, ModA, true, null, "mod", sub, resolved);

    /// <summary>A button press on a message the bot sent.</summary>
    public static Interaction Button(ulong guild, ulong user, bool manageServer, string customId) => new()
    {
        Id = (ulong)Interlocked.Increment(ref _nextId),
        ApplicationId = 1064121768345600001,
        Type = InteractionType.MessageComponent,
        GuildId = guild,
        ChannelId = 981347598336000002,
        Member = new GuildMember { User = new User { Id = user, Username = "someone" }, Permissions = manageServer ? ModeratorGate.ManageServer : 0 },
        Token = "FAKE_TOKEN",
        Version = 1,
        Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
        Message = new MessageReference { Id = 5, Flags = (int)MessageFlags.Ephemeral },
    };

    /// <summary>The options of <c>/mod import</c> with a local file, the way the shell passes a path.</summary>
    public static (InteractionOption Sub, ResolvedData Resolved) Import(string path, string? mode)
    {
        var options = new List<InteractionOption> { InteractionOption.Id("file", ApplicationCommandOptionType.Attachment, 9001) };
        if (mode is not null)
        {
            options.Add(InteractionOption.String("mode", mode));
        }

        var resolved = new ResolvedData
        {
            Attachments = new Dictionary<string, Attachment>
            {
                ["9001"] = new() { Id = 9001, Filename = Path.GetFileName(path), Size = new FileInfo(path).Length, Url = new Uri(path).AbsoluteUri, ContentType = "text/csv" },
            },
        };
        return (InteractionOption.SubCommand("import", [.. options]), resolved);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

/// <summary>What the dispatcher sent for one interaction, read as a moderation test reads it.</summary>
public sealed class Reply(RecordingResponder recorded)
{
    public ConcurrentQueue<string> Calls => recorded.Calls;

    public ConcurrentQueue<InteractionResponse> Responses => recorded.Responses;

    public ConcurrentQueue<MessagePayload> Edits => recorded.Edits;

    public ConcurrentQueue<MessagePayload> FollowUps => recorded.FollowUps;

    /// <summary>Every message sent, in order: responses' data, edits, follow-ups.</summary>
    public IEnumerable<(string? Content, IReadOnlyList<Embed>? Embeds, IReadOnlyList<Component>? Components, AllowedMentions? Mentions, bool Ephemeral)> Messages =>
        Responses.Where(r => r.Data is not null).Select(r => (r.Data!.Content, r.Data.Embeds, r.Data.Components, r.Data.AllowedMentions, r.Data.Flags == MessageFlags.Ephemeral))
            .Concat(Edits.Select(e => (e.Content, e.Embeds, e.Components, e.AllowedMentions, e.Flags == MessageFlags.Ephemeral)))
            .Concat(FollowUps.Select(f => (f.Content, f.Embeds, f.Components, f.AllowedMentions, f.Flags == MessageFlags.Ephemeral)));

    /// <summary>All text of the last message: content, embed titles, descriptions, fields and footers.</summary>
    public string Text => ReplyText.Of(Messages.Last().Content, Messages.Last().Embeds);

    /// <summary>The custom ids of the last message's buttons.</summary>
    public IReadOnlyList<string> Buttons =>
        [.. (Messages.Last().Components ?? []).SelectMany(row => row.Components ?? []).Select(b => b.CustomId!)];

    /// <summary>The last file sent (multipart), with the response, an edit or a follow-up.</summary>
    public FileUpload? File => recorded.Files.LastOrDefault();

    /// <summary>
    /// Every response and edit is a body Discord accepts (openapi.json), every embed is within Discord's
    /// limits, and every message says "parse nothing" so it pings nobody.
    /// </summary>
    public void AssertValid()
    {
        foreach (var response in Responses)
        {
            OpenApiSchemaValidator.Discord.AssertValidRequestBody(
                "create_interaction_response", JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse));
        }

        foreach (var edit in Edits.Concat(FollowUps))
        {
            OpenApiSchemaValidator.Discord.AssertValidRequestBody(
                "update_original_webhook_message", JsonSerializer.Serialize(edit, DiscordJsonContext.Default.MessagePayload));
        }

        foreach (var message in Messages.Where(m => m.Content is not null || m.Embeds is not null))
        {
            Assert.Empty(EmbedLimits.Violations(message.Embeds ?? []));
            Assert.True(message.Content is null || message.Content.Length <= EmbedLimits.Content);
            Assert.Empty(message.Mentions!.Parse);
        }

        // Ephemerality is fixed by the first reply or defer; edits and button updates keep it.
        foreach (var first in Responses.Where(r => r.Type is InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.DeferredChannelMessageWithSource))
        {
            Assert.True(first.Data?.Flags?.HasFlag(MessageFlags.Ephemeral) == true, "Moderator replies are ephemeral.");
        }
    }
}

/// <summary>A REST client that records channel messages (the feed) and refuses everything else.</summary>
public sealed class FakeRest : IDiscordRestClient
{
    public ConcurrentQueue<(ulong Channel, MessagePayload Message)> Messages { get; } = new();

    public Task<ulong> CreateMessageAsync(ulong channelId, MessagePayload message, CancellationToken cancellationToken)
    {
        Messages.Enqueue((channelId, message));
        return Task.FromResult((ulong)Messages.Count);
    }

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) => throw Unexpected();

    public Task BulkOverwriteGlobalCommandsAsync(ulong applicationId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken) => throw Unexpected();

    public Task BulkOverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommandJson> commands, CancellationToken cancellationToken) => throw Unexpected();

    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken) => throw Unexpected();

    public Task EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken) => throw Unexpected();

    public Task CreateInteractionResponseWithFileAsync(ulong interactionId, string interactionToken, InteractionResponse response, FileUpload file, CancellationToken cancellationToken) => throw Unexpected();

    public Task EditOriginalResponseWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken) => throw Unexpected();

    public Task DeleteOriginalResponseAsync(ulong applicationId, string interactionToken, CancellationToken cancellationToken) => throw Unexpected();

    public Task<ulong> CreateFollowupMessageAsync(ulong applicationId, string interactionToken, MessagePayload message, CancellationToken cancellationToken) => throw Unexpected();

    public Task<ulong> CreateDmChannelAsync(ulong recipientId, CancellationToken cancellationToken) => throw Unexpected();

    public Task<ulong> CreateFollowupWithFileAsync(ulong applicationId, string interactionToken, MessagePayload message, FileUpload file, CancellationToken cancellationToken) => throw Unexpected();

    private static InvalidOperationException Unexpected() => new("The tests' replies go through the recording responder.");
}
