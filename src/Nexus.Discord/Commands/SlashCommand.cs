using System.Globalization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

namespace Nexus.Discord.Commands;

/// <summary>Entry point of the command definition builder.</summary>
public static class SlashCommand
{
    /// <summary>Starts a slash command definition.</summary>
    /// <example>
    /// <code>
    /// SlashCommand.Create("mycase", "Your NEXUS case")
    ///     .Subcommand("update", "Record a milestone", s => s
    ///         .String("milestone", "Which milestone", required: true, o => o.Choices(milestones))
    ///         .String("date", "When, like 2024-05-01", required: true)
    ///         .HandledBy&lt;MyCaseUpdateHandler&gt;());
    /// </code>
    /// </example>
    public static SlashCommandBuilder Create(string name, string description) => new(name, description);
}

/// <summary>Adds parameters (value options) to a command or subcommand.</summary>
/// <typeparam name="TSelf">The concrete builder, for chaining.</typeparam>
public abstract class ParameterListBuilder<TSelf>
    where TSelf : ParameterListBuilder<TSelf>
{
    internal List<CommandOptionDefinition> Items { get; } = [];

    /// <summary>A text parameter.</summary>
    public TSelf String(string name, string description, bool required = false, Action<OptionBuilder>? configure = null) =>
        Add(ApplicationCommandOptionType.String, name, description, required, configure);

    /// <summary>A whole-number parameter (±2^53).</summary>
    public TSelf Integer(string name, string description, bool required = false, Action<OptionBuilder>? configure = null) =>
        Add(ApplicationCommandOptionType.Integer, name, description, required, configure);

    /// <summary>A decimal number parameter.</summary>
    public TSelf Number(string name, string description, bool required = false, Action<OptionBuilder>? configure = null) =>
        Add(ApplicationCommandOptionType.Number, name, description, required, configure);

    /// <summary>A true/false parameter.</summary>
    public TSelf Boolean(string name, string description, bool required = false) =>
        Add(ApplicationCommandOptionType.Boolean, name, description, required, null);

    /// <summary>A user parameter.</summary>
    public TSelf User(string name, string description, bool required = false) =>
        Add(ApplicationCommandOptionType.User, name, description, required, null);

    /// <summary>A channel parameter, optionally limited to some channel types.</summary>
    public TSelf Channel(string name, string description, bool required = false, params int[] channelTypes) =>
        Add(ApplicationCommandOptionType.Channel, name, description, required, o => o.Definition.ChannelTypes = channelTypes.Length == 0 ? null : channelTypes);

    /// <summary>A role parameter.</summary>
    public TSelf Role(string name, string description, bool required = false) =>
        Add(ApplicationCommandOptionType.Role, name, description, required, null);

    /// <summary>A user-or-role parameter.</summary>
    public TSelf Mentionable(string name, string description, bool required = false) =>
        Add(ApplicationCommandOptionType.Mentionable, name, description, required, null);

    /// <summary>A file parameter.</summary>
    public TSelf Attachment(string name, string description, bool required = false) =>
        Add(ApplicationCommandOptionType.Attachment, name, description, required, null);

    private TSelf Add(ApplicationCommandOptionType type, string name, string description, bool required, Action<OptionBuilder>? configure)
    {
        var option = new CommandOptionDefinition(type, name, description) { Required = required };
        configure?.Invoke(new OptionBuilder(option));
        Items.Add(option);
        return (TSelf)this;
    }
}

/// <summary>Configures one parameter: choices, ranges, lengths, autocomplete. Misuse is reported by start-up validation.</summary>
public sealed class OptionBuilder
{
    internal OptionBuilder(CommandOptionDefinition definition) => Definition = definition;

    internal CommandOptionDefinition Definition { get; }

    /// <summary>String choices from (value, display name) pairs, e.g. fed from a domain enum.</summary>
    public OptionBuilder Choices(IEnumerable<(string Value, string Name)> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Definition.Choices = [.. choices.Select(c => new CommandChoice(c.Name, c.Value))];
        return this;
    }

    /// <summary>Integer choices from (value, display name) pairs.</summary>
    public OptionBuilder Choices(IEnumerable<(long Value, string Name)> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Definition.Choices = [.. choices.Select(c => new CommandChoice(c.Name, c.Value))];
        return this;
    }

    /// <summary>Number choices from (value, display name) pairs.</summary>
    public OptionBuilder Choices(IEnumerable<(double Value, string Name)> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Definition.Choices = [.. choices.Select(c => new CommandChoice(c.Name, c.Value))];
        return this;
    }

    /// <summary>The accepted range of an integer or number.</summary>
    public OptionBuilder Range(double? min, double? max)
    {
        Definition.MinValue = min;
        Definition.MaxValue = max;
        return this;
    }

    /// <summary>The accepted length of a string.</summary>
    public OptionBuilder Length(int? min, int? max)
    {
        Definition.MinLength = min;
        Definition.MaxLength = max;
        return this;
    }

    /// <summary>Suggestions while typing, from <typeparamref name="THandler"/> (resolved per interaction from a DI scope).</summary>
    public OptionBuilder Autocomplete<THandler>()
        where THandler : class, IAutocompleteHandler
    {
        Definition.AutocompleteHandler = typeof(THandler);
        return this;
    }
}

/// <summary>Builds a <see cref="SlashCommandDefinition"/>.</summary>
public sealed class SlashCommandBuilder : ParameterListBuilder<SlashCommandBuilder>
{
    private readonly string _name;
    private readonly string _description;
    private string? _permissions;
    private IReadOnlyList<InteractionContextType>? _contexts;
    private IReadOnlyList<ApplicationIntegrationType>? _integrationTypes;
    private HandlerRegistration? _handler;

    internal SlashCommandBuilder(string name, string description)
    {
        _name = name;
        _description = description;
    }

    /// <summary>Only members with these permission bits see the command (a hint to Discord's client; check again in the handler).</summary>
    public SlashCommandBuilder DefaultMemberPermissions(ulong permissionBits)
    {
        _permissions = permissionBits.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>The permission bits as Discord's decimal string (e.g. <c>"32"</c> for Manage Server).</summary>
    public SlashCommandBuilder DefaultMemberPermissions(string permissionBits)
    {
        _permissions = permissionBits;
        return this;
    }

    /// <summary>Where the command may be used.</summary>
    public SlashCommandBuilder Contexts(params InteractionContextType[] contexts)
    {
        _contexts = contexts;
        return this;
    }

    /// <summary>How the app must be installed for the command to show.</summary>
    public SlashCommandBuilder IntegrationTypes(params ApplicationIntegrationType[] types)
    {
        _integrationTypes = types;
        return this;
    }

    /// <summary>A subcommand with its parameters and handler.</summary>
    public SlashCommandBuilder Subcommand(string name, string description, Action<SubcommandBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new SubcommandBuilder();
        configure(builder);
        Items.Add(builder.Build(name, description));
        return this;
    }

    /// <summary>A group of subcommands.</summary>
    public SlashCommandBuilder Group(string name, string description, Action<GroupBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new GroupBuilder();
        configure(builder);
        Items.Add(new CommandOptionDefinition(ApplicationCommandOptionType.SubCommandGroup, name, description) { Options = [.. builder.Items] });
        return this;
    }

    /// <summary>The handler of a command without subcommands.</summary>
    /// <param name="slow">Acknowledge first (deferred reply), then edit the original with the result.</param>
    /// <param name="ephemeral">Whether that deferred reply is ephemeral (fixed at defer time).</param>
    public SlashCommandBuilder HandledBy<THandler>(bool slow = false, bool ephemeral = false)
        where THandler : class, ICommandHandler
    {
        _handler = new HandlerRegistration(typeof(THandler), slow, ephemeral);
        return this;
    }

    /// <summary>The finished definition (validated when the registry is built).</summary>
    public SlashCommandDefinition Build() => new(_name, _description, [.. Items], _permissions, _contexts, _integrationTypes, _handler);
}

/// <summary>Builds a subcommand: its parameters and handler.</summary>
public sealed class SubcommandBuilder : ParameterListBuilder<SubcommandBuilder>
{
    private HandlerRegistration? _handler;

    internal SubcommandBuilder()
    {
    }

    /// <summary>The subcommand's handler.</summary>
    /// <param name="slow">Acknowledge first (deferred reply), then edit the original with the result.</param>
    /// <param name="ephemeral">Whether that deferred reply is ephemeral (fixed at defer time).</param>
    public SubcommandBuilder HandledBy<THandler>(bool slow = false, bool ephemeral = false)
        where THandler : class, ICommandHandler
    {
        _handler = new HandlerRegistration(typeof(THandler), slow, ephemeral);
        return this;
    }

    internal CommandOptionDefinition Build(string name, string description) =>
        new(ApplicationCommandOptionType.SubCommand, name, description) { Options = [.. Items], Handler = _handler };
}

/// <summary>Builds a subcommand group.</summary>
public sealed class GroupBuilder
{
    internal GroupBuilder()
    {
    }

    internal List<CommandOptionDefinition> Items { get; } = [];

    /// <summary>A subcommand of the group.</summary>
    public GroupBuilder Subcommand(string name, string description, Action<SubcommandBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new SubcommandBuilder();
        configure(builder);
        Items.Add(builder.Build(name, description));
        return this;
    }
}
