using Nexus.Discord.Commands;
using Nexus.Discord.Models;

namespace Nexus.Discord.Dispatch;

/// <summary>A component or modal handler registered for a custom id prefix.</summary>
/// <param name="Prefix">The prefix, e.g. <c>cases:page</c>; it matches the custom id itself or the prefix followed by ':' and state.</param>
/// <param name="Handler">The handler and its timing.</param>
public sealed record PrefixRoute(string Prefix, HandlerRegistration Handler);

/// <summary>A slash command invocation matched to its definition.</summary>
/// <param name="Path">The command path, e.g. <c>mycase update</c> or <c>mod queue list</c>.</param>
/// <param name="Command">The command's definition.</param>
/// <param name="Parameters">The parameter definitions of the matched (sub)command.</param>
/// <param name="Values">The parameter values the interaction carries.</param>
/// <param name="Handler">The matched handler.</param>
public sealed record CommandMatch(string Path, SlashCommandDefinition Command, IReadOnlyList<CommandOptionDefinition> Parameters, IReadOnlyList<InteractionOption> Values, HandlerRegistration Handler);

/// <summary>Collects commands and component/modal handlers; <see cref="Build"/> validates them.</summary>
public sealed class InteractionRegistryBuilder
{
    private readonly List<SlashCommandDefinition> _commands = [];
    private readonly List<PrefixRoute> _components = [];
    private readonly List<PrefixRoute> _modals = [];
    private ICommandTranslations? _translations;

    /// <summary>Adds a slash command.</summary>
    public InteractionRegistryBuilder AddCommand(SlashCommandDefinition command)
    {
        _commands.Add(command ?? throw new ArgumentNullException(nameof(command)));
        return this;
    }

    /// <summary>Adds a slash command.</summary>
    public InteractionRegistryBuilder AddCommand(SlashCommandBuilder command) => AddCommand((command ?? throw new ArgumentNullException(nameof(command))).Build());

    /// <summary>Routes buttons and selects whose custom id is <paramref name="prefix"/> or starts with <paramref name="prefix"/> + ':'.</summary>
    /// <param name="prefix">E.g. <c>cases:page</c>; the rest of the custom id is the handler's state.</param>
    /// <param name="slow">Acknowledge first (deferred update, type 6), then edit the message.</param>
    public InteractionRegistryBuilder AddComponent<THandler>(string prefix, bool slow = false)
        where THandler : class, IComponentHandler
    {
        _components.Add(new PrefixRoute(prefix, new HandlerRegistration(typeof(THandler), slow, false)));
        return this;
    }

    /// <summary>Routes modals whose custom id is <paramref name="prefix"/> or starts with <paramref name="prefix"/> + ':'.</summary>
    /// <param name="prefix">E.g. <c>mycase:note</c>.</param>
    /// <param name="slow">Acknowledge first (deferred reply, type 5), then edit the original.</param>
    /// <param name="ephemeral">Whether that deferred reply is ephemeral.</param>
    public InteractionRegistryBuilder AddModal<THandler>(string prefix, bool slow = false, bool ephemeral = false)
        where THandler : class, IModalHandler
    {
        _modals.Add(new PrefixRoute(prefix, new HandlerRegistration(typeof(THandler), slow, ephemeral)));
        return this;
    }

    /// <summary>Localises every command's names, descriptions and choices from <paramref name="translations"/> when the registry is built.</summary>
    public InteractionRegistryBuilder Translate(ICommandTranslations translations)
    {
        _translations = translations ?? throw new ArgumentNullException(nameof(translations));
        return this;
    }

    /// <summary>Validates everything against Discord's limits (localised texts included) and builds the registry.</summary>
    /// <exception cref="CommandDefinitionException">A definition breaks a limit; the message names the path.</exception>
    public InteractionRegistry Build()
    {
        if (_translations is { } translations)
        {
            foreach (var command in _commands)
            {
                CommandTranslator.Apply(command, translations);
            }
        }

        CommandDefinitionValidator.ValidateSet(_commands);
        CheckPrefixes(_components, "component");
        CheckPrefixes(_modals, "modal");
        return new InteractionRegistry([.. _commands], [.. _components], [.. _modals]);
    }

    private static void CheckPrefixes(List<PrefixRoute> routes, string kind)
    {
        foreach (var route in routes)
        {
            // A custom id is 1–100 characters, so a prefix must leave room for at least itself.
            if (route.Prefix.Length is < 1 or > 100 || route.Prefix.EndsWith(':'))
            {
                throw new CommandDefinitionException($"{kind} prefix \"{route.Prefix}\" must be 1–100 characters and not end with ':'.");
            }
        }

        var duplicate = routes.GroupBy(r => r.Prefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CommandDefinitionException($"{kind} prefix \"{duplicate.Key}\" is registered more than once.");
        }
    }
}

/// <summary>
/// Every command, component and modal route: drives registration (<see cref="IApplicationCommandSource"/>),
/// routing and option binding from the same definitions.
/// </summary>
public sealed class InteractionRegistry : IApplicationCommandSource
{
    private readonly Dictionary<string, SlashCommandDefinition> _byName;
    private readonly IReadOnlyList<PrefixRoute> _components;
    private readonly IReadOnlyList<PrefixRoute> _modals;

    internal InteractionRegistry(IReadOnlyList<SlashCommandDefinition> commands, IReadOnlyList<PrefixRoute> components, IReadOnlyList<PrefixRoute> modals)
    {
        Commands = commands;
        _byName = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        // Longest prefix first, so "cases:page" wins over "cases" for "cases:page:3".
        _components = [.. components.OrderByDescending(r => r.Prefix.Length)];
        _modals = [.. modals.OrderByDescending(r => r.Prefix.Length)];
    }

    /// <summary>The command definitions, in registration order (the shell reads them to parse typed lines).</summary>
    public IReadOnlyList<SlashCommandDefinition> Commands { get; }

    /// <summary>Every handler type, so the DI extension can register each one as scoped.</summary>
    public IEnumerable<Type> HandlerTypes =>
        Commands.SelectMany(c => Flatten(c).Select(o => o.Handler?.HandlerType).Append(c.Handler?.HandlerType).Concat(Flatten(c).Select(o => o.AutocompleteHandler)))
            .Concat(_components.Select(r => r.Handler.HandlerType))
            .Concat(_modals.Select(r => r.Handler.HandlerType))
            .OfType<Type>()
            .Distinct();

    /// <inheritdoc />
    public IReadOnlyList<ApplicationCommandJson> GetApplicationCommands() => [.. Commands.Select(CommandJsonWriter.ToJson)];

    /// <summary>The definition of a command by name.</summary>
    public SlashCommandDefinition? FindCommand(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Matches a command or autocomplete interaction's data to its definition and handler.</summary>
    public CommandMatch? MatchCommand(InteractionData? data)
    {
        if (data?.Name is not { } name || !_byName.TryGetValue(name, out var command))
        {
            return null;
        }

        var values = data.Options ?? [];
        if (!command.HasSubcommands)
        {
            return command.Handler is { } handler ? new CommandMatch(name, command, command.Options, values, handler) : null;
        }

        // Subcommand parameters live one level down, and one more under a group (reference §3.4).
        var first = values.Count == 1 ? values[0] : null;
        var definitions = command.Options;
        var path = name;
        if (first?.Type == ApplicationCommandOptionType.SubCommandGroup)
        {
            var group = definitions.FirstOrDefault(d => d.Type == ApplicationCommandOptionType.SubCommandGroup && d.Name == first.Name);
            if (group is null)
            {
                return null;
            }

            path += " " + group.Name;
            definitions = group.Options;
            var inner = first.Options ?? [];
            first = inner.Count == 1 ? inner[0] : null;
        }

        if (first?.Type != ApplicationCommandOptionType.SubCommand)
        {
            return null;
        }

        var sub = definitions.FirstOrDefault(d => d.Type == ApplicationCommandOptionType.SubCommand && d.Name == first.Name);
        return sub?.Handler is { } subHandler
            ? new CommandMatch(path + " " + sub.Name, command, sub.Options, first.Options ?? [], subHandler)
            : null;
    }

    /// <summary>The component route for a custom id, with the state after the prefix.</summary>
    public PrefixRoute? MatchComponent(string? customId, out string state) => MatchPrefix(_components, customId, out state);

    /// <summary>The modal route for a custom id, with the state after the prefix.</summary>
    public PrefixRoute? MatchModal(string? customId, out string state) => MatchPrefix(_modals, customId, out state);

    private static PrefixRoute? MatchPrefix(IReadOnlyList<PrefixRoute> routes, string? customId, out string state)
    {
        state = "";
        if (customId is null)
        {
            return null;
        }

        foreach (var route in routes)
        {
            if (customId.Length == route.Prefix.Length && customId == route.Prefix)
            {
                return route;
            }

            if (customId.Length > route.Prefix.Length && customId.StartsWith(route.Prefix, StringComparison.Ordinal) && customId[route.Prefix.Length] == ':')
            {
                state = customId[(route.Prefix.Length + 1)..];
                return route;
            }
        }

        return null;
    }

    private static IEnumerable<CommandOptionDefinition> Flatten(SlashCommandDefinition command) =>
        command.Options.SelectMany(o => o.Options.SelectMany(i => i.Options.Prepend(i)).Prepend(o));
}
