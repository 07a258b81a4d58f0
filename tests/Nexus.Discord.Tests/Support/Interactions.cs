using System.Text.Json;
using Nexus.Discord.Json;
using Nexus.Discord.Models;
using Nexus.Testing;

namespace Nexus.Discord.Tests.Support;

/// <summary>Builds interactions for tests, the way Discord would send them.</summary>
public static class Interactions
{
    public const ulong ApplicationId = 1064121768345600001;
    public const ulong GuildId = 981346340044800001;
    public const ulong UserId = 554211842457600004;
    public const string Token = "FAKE_INTERACTION_TOKEN_not-a-real-token";

    private static long _nextId = 1_300_000_000_000_000_000;

    public static ulong NextId() => (ulong)Interlocked.Increment(ref _nextId);

    public static Interaction Example(string fileName) =>
        JsonSerializer.Deserialize(File.ReadAllText(FixturePaths.DiscordExample(fileName)), DiscordJsonContext.Default.Interaction)!;

    public static InteractionOption Sub(string name, params InteractionOption[] options) => InteractionOption.SubCommand(name, options);

    public static InteractionOption Group(string name, InteractionOption sub) => InteractionOption.SubCommandGroup(name, sub);

    public static InteractionOption String(string name, string value, bool focused = false) =>
        InteractionOption.String(name, value) with { Focused = focused ? true : null };

    public static InteractionOption Integer(string name, long value) => InteractionOption.Integer(name, value);

    public static InteractionOption Raw(string name, ApplicationCommandOptionType type, string json) =>
        new() { Name = name, Type = type, Value = JsonDocument.Parse(json).RootElement.Clone() };

    public static Interaction Command(string name, params InteractionOption[] options) => Base(InteractionType.ApplicationCommand) with
    {
        Data = new InteractionData { Id = 1224327403929600005, Name = name, Type = 1, Options = options },
    };

    public static Interaction Autocomplete(string name, params InteractionOption[] options) => Command(name, options) with { Type = InteractionType.ApplicationCommandAutocomplete };

    public static Interaction Button(string customId, ulong? originalUser = UserId, bool ephemeralMessage = false) => Base(InteractionType.MessageComponent) with
    {
        Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
        Message = new MessageReference
        {
            Id = 1235236792827904015,
            Flags = ephemeralMessage ? (int)MessageFlags.Ephemeral : 0,
            InteractionMetadata = originalUser is { } user ? new MessageInteractionMetadata { Id = 1, User = new User { Id = user } } : null,
        },
    };

    public static Interaction Modal(string customId, string inputId, string value) => Base(InteractionType.ModalSubmit) with
    {
        Data = new InteractionData
        {
            CustomId = customId,
            Components =
            [
                new SubmittedComponent
                {
                    Type = ComponentType.Label,
                    Component = new SubmittedComponent { Type = ComponentType.TextInput, CustomId = inputId, Value = InteractionOption.String(inputId, value).Value },
                },
            ],
        },
    };

    private static Interaction Base(InteractionType type) => new()
    {
        Id = NextId(),
        ApplicationId = ApplicationId,
        Type = type,
        GuildId = GuildId,
        ChannelId = 981347598336000002,
        Member = new GuildMember { User = new User { Id = UserId, Username = "example_user" }, Permissions = 1126211396160577 },
        Token = Token,
        Version = 1,
        Locale = "en-US",
        Context = 0,
    };
}
