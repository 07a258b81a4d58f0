using Nexus.Discord.Models;

namespace Nexus.Discord.Commands;

/// <summary>
/// One slash command as Nexus defines it: the single source for its registration JSON, its routing and
/// the binding of its options. Build it with <see cref="SlashCommand.Create"/>; the registry validates it
/// against Discord's limits at start-up.
/// </summary>
public sealed class SlashCommandDefinition
{
    internal SlashCommandDefinition(
        string name,
        string description,
        IReadOnlyList<CommandOptionDefinition> options,
        string? defaultMemberPermissions,
        IReadOnlyList<InteractionContextType>? contexts,
        IReadOnlyList<ApplicationIntegrationType>? integrationTypes,
        HandlerRegistration? handler)
    {
        Name = name;
        Description = description;
        Options = options;
        DefaultMemberPermissions = defaultMemberPermissions;
        Contexts = contexts;
        IntegrationTypes = integrationTypes;
        Handler = handler;
    }

    /// <summary>The command name, e.g. <c>mycase</c>.</summary>
    public string Name { get; }

    /// <summary>The description shown in Discord's command picker.</summary>
    public string Description { get; }

    /// <summary>Subcommands and groups, or the parameters of a command without subcommands.</summary>
    public IReadOnlyList<CommandOptionDefinition> Options { get; }

    /// <summary>The permission bits a member needs to see the command, as a decimal string; null for everyone.</summary>
    public string? DefaultMemberPermissions { get; }

    /// <summary>Where the command may be used; null for Discord's default.</summary>
    public IReadOnlyList<InteractionContextType>? Contexts { get; }

    /// <summary>Installation types; null for Discord's default.</summary>
    public IReadOnlyList<ApplicationIntegrationType>? IntegrationTypes { get; }

    /// <summary>The handler of a command without subcommands.</summary>
    public HandlerRegistration? Handler { get; }

    /// <summary>The name per Discord locale (e.g. <c>fr</c>), or null; set by <see cref="CommandTranslator"/>.</summary>
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; internal set; }

    /// <summary>The description per Discord locale, or null; set by <see cref="CommandTranslator"/>.</summary>
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; internal set; }

    /// <summary>True when the command's options are subcommands or groups.</summary>
    public bool HasSubcommands => Options.Any(o => o.IsSubcommandOrGroup);
}

/// <summary>An option of a command: a subcommand, a group, or a parameter.</summary>
public sealed class CommandOptionDefinition
{
    internal CommandOptionDefinition(ApplicationCommandOptionType type, string name, string description)
    {
        Type = type;
        Name = name;
        Description = description;
    }

    /// <summary>The option type.</summary>
    public ApplicationCommandOptionType Type { get; }

    /// <summary>The option name, e.g. <c>milestone</c>.</summary>
    public string Name { get; }

    /// <summary>The description shown while typing.</summary>
    public string Description { get; }

    /// <summary>Whether a parameter must be given.</summary>
    public bool Required { get; internal set; }

    /// <summary>The only values accepted, with their display names; empty when any value goes.</summary>
    public IReadOnlyList<CommandChoice> Choices { get; internal set; } = [];

    /// <summary>The smallest integer or number accepted.</summary>
    public double? MinValue { get; internal set; }

    /// <summary>The largest integer or number accepted.</summary>
    public double? MaxValue { get; internal set; }

    /// <summary>The shortest string accepted.</summary>
    public int? MinLength { get; internal set; }

    /// <summary>The longest string accepted.</summary>
    public int? MaxLength { get; internal set; }

    /// <summary>Channel types a channel option offers.</summary>
    public IReadOnlyList<int>? ChannelTypes { get; internal set; }

    /// <summary>The autocomplete handler; Discord sends suggestions requests when set.</summary>
    public Type? AutocompleteHandler { get; internal set; }

    /// <summary>True when Discord asks the bot for suggestions while the member types.</summary>
    public bool Autocomplete => AutocompleteHandler is not null;

    /// <summary>The subcommands of a group, or the parameters of a subcommand.</summary>
    public IReadOnlyList<CommandOptionDefinition> Options { get; internal set; } = [];

    /// <summary>The handler of a subcommand.</summary>
    public HandlerRegistration? Handler { get; internal set; }

    /// <summary>The name per Discord locale (e.g. <c>fr</c>), or null; set by <see cref="CommandTranslator"/>.</summary>
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; internal set; }

    /// <summary>The description per Discord locale, or null; set by <see cref="CommandTranslator"/>.</summary>
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; internal set; }

    /// <summary>True for subcommands and groups, which carry options rather than a value.</summary>
    public bool IsSubcommandOrGroup => Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup;
}

/// <summary>How an interaction is handled: the handler type (resolved per interaction from a DI scope) and its timing.</summary>
/// <param name="HandlerType">The handler class.</param>
/// <param name="Slow">
/// The work may take longer than Discord's 3-second window: the dispatcher acknowledges first (a deferred
/// reply, type 5, or for components a deferred update, type 6) and the reply then edits the original.
/// </param>
/// <param name="Ephemeral">Whether the deferred reply of a slow handler is ephemeral; Discord fixes this at defer time.</param>
public sealed record HandlerRegistration(Type HandlerType, bool Slow, bool Ephemeral);
