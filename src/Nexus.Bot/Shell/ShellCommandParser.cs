using Nexus.Bot.Localization;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

namespace Nexus.Bot.Shell;

/// <summary>A typed slash command matched to its definition, values still as typed.</summary>
/// <param name="Command">The command.</param>
/// <param name="Path">The group and subcommand names after the command name (empty without subcommands).</param>
/// <param name="Parameters">The parameter definitions of the matched (sub)command, in definition order.</param>
/// <param name="Values">The values given, in definition order.</param>
internal sealed record ShellCommandLine(
    SlashCommandDefinition Command,
    IReadOnlyList<string> Path,
    IReadOnlyList<CommandOptionDefinition> Parameters,
    IReadOnlyList<(CommandOptionDefinition Definition, string Text)> Values)
{
    /// <summary>The path as Discord's client shows it, e.g. <c>/mycase update</c>.</summary>
    public string Display => "/" + string.Join(' ', Path.Prepend(Command.Name));
}

/// <summary>
/// Reads <c>/mycase update interview 2024-05-01</c> against the registered definitions: the command, its
/// group and subcommand, then the parameters by position in definition order or as <c>name:value</c>.
/// Mistakes Discord's client would not let through (an unknown command, a missing required option, a value
/// that is not a choice) are <see cref="ShellInputException"/>s with a message saying what to type.
/// </summary>
internal sealed class ShellCommandParser(InteractionRegistry registry)
{
    public ShellCommandLine Parse(string line)
    {
        var tokens = ShellTokenizer.Split(line);
        if (tokens.Count == 0)
        {
            throw new ShellInputException(Strings.Shell_TypeACommand);
        }

        var name = tokens[0].Text.TrimStart('/');
        var command = registry.FindCommand(name.ToLowerInvariant())
            ?? throw new ShellInputException(Text.Format(Strings.Shell_UnknownCommand, name, string.Join(", ", registry.Commands.Select(c => "/" + c.Name))));

        var next = 1;
        var path = new List<string>();
        var level = command.Options;
        while (level.Any(o => o.IsSubcommandOrGroup))
        {
            var choices = level.Where(o => o.IsSubcommandOrGroup).ToList();
            var word = next < tokens.Count && tokens[next].Name is null ? tokens[next].Text.ToLowerInvariant() : null;
            var chosen = choices.FirstOrDefault(o => o.Name == word)
                ?? throw new ShellInputException(word is null
                    ? Text.Format(Strings.Shell_NeedsOneOf, Describe(command, path), string.Join(", ", choices.Select(c => c.Name)))
                    : Text.Format(Strings.Shell_HasNoSubcommand, Describe(command, path), tokens[next].Text, string.Join(", ", choices.Select(c => c.Name))));
            path.Add(chosen.Name);
            level = chosen.Options;
            next++;
        }

        var parameters = level;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new Queue<string>();
        for (; next < tokens.Count; next++)
        {
            var token = tokens[next];
            if (token.Name is { } optionName)
            {
                // A French client shows, and lets members type, the French option names (date, statut, période…).
                var definition = parameters.FirstOrDefault(p => string.Equals(p.Name, optionName, StringComparison.OrdinalIgnoreCase))
                    ?? parameters.FirstOrDefault(p => p.NameLocalizations?.Values.Contains(optionName, StringComparer.OrdinalIgnoreCase) == true)
                    ?? throw new ShellInputException(Text.Format(Strings.Shell_HasNoOption, Describe(command, path), optionName, OptionsList(parameters)));
                if (!values.TryAdd(definition.Name, token.Value))
                {
                    throw new ShellInputException(Text.Format(Strings.Shell_GivenTwice, Shown(definition)));
                }
            }
            else
            {
                positional.Enqueue(token.Text);
            }
        }

        // Positional values fill the options not named, in definition order.
        foreach (var parameter in parameters)
        {
            if (!values.ContainsKey(parameter.Name) && positional.Count > 0)
            {
                values[parameter.Name] = positional.Dequeue();
            }
        }

        if (positional.Count > 0)
        {
            throw new ShellInputException(Text.Format(Strings.Shell_TooManyValues, Describe(command, path), string.Join(' ', positional), OptionsList(parameters)));
        }

        var missing = parameters.Where(p => p.Required && !values.ContainsKey(p.Name)).Select(Shown).ToList();
        if (missing.Count > 0)
        {
            throw new ShellInputException(Text.Format(Strings.Shell_Needs, Describe(command, path), string.Join(Strings.Shell_ListAnd, missing), OptionsList(parameters)));
        }

        return new ShellCommandLine(command, path, parameters, [.. parameters.Where(p => values.ContainsKey(p.Name)).Select(p => (p, ChoiceValue(p, values[p.Name])))]);
    }

    /// <summary>
    /// One usage line per (sub)command, e.g. <c>/mycase update milestone date</c>, optional options in brackets,
    /// each option named as the current language's client shows it (<c>étape</c> in French).
    /// </summary>
    public IEnumerable<string> Usage()
    {
        foreach (var command in registry.Commands)
        {
            foreach (var (path, parameters) in Leaves(command.Options, [command.Name]))
            {
                yield return "/" + string.Join(' ', path) + string.Concat(parameters.Select(p => p.Required ? " " + Shown(p) : " [" + Shown(p) + "]"));
            }
        }
    }

    private static IEnumerable<(List<string> Path, IReadOnlyList<CommandOptionDefinition> Parameters)> Leaves(IReadOnlyList<CommandOptionDefinition> options, List<string> path)
    {
        if (!options.Any(o => o.IsSubcommandOrGroup))
        {
            yield return (path, options);
            yield break;
        }

        foreach (var option in options.Where(o => o.IsSubcommandOrGroup))
        {
            foreach (var leaf in Leaves(option.Options, [.. path, option.Name]))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>A choice option takes its value or its display name, in any case; anything else is refused as Discord's picker would.</summary>
    private static string ChoiceValue(CommandOptionDefinition definition, string text)
    {
        if (definition.Choices.Count == 0)
        {
            return text;
        }

        var choice = definition.Choices.FirstOrDefault(c => string.Equals(Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.OrdinalIgnoreCase))
            ?? definition.Choices.FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase))
            ?? definition.Choices.FirstOrDefault(c => c.NameLocalizations?.Values.Contains(text, StringComparer.OrdinalIgnoreCase) == true);
        return choice is not null
            ? Convert.ToString(choice.Value, System.Globalization.CultureInfo.InvariantCulture)!
            : throw new ShellInputException(Text.Format(Strings.Shell_NotAChoice, text, Shown(definition), string.Join(", ", definition.Choices.Select(c => c.Value))));
    }

    private static string Describe(SlashCommandDefinition command, List<string> path) => "/" + string.Join(' ', path.Prepend(command.Name));

    private static string OptionsList(IReadOnlyList<CommandOptionDefinition> parameters) =>
        parameters.Count == 0 ? Strings.Shell_NoOptions : Text.Format(Strings.Shell_Options, string.Join(" ", parameters.Select(p => p.Required ? Shown(p) : "[" + Shown(p) + "]")));

    /// <summary>An option's name as the client of the shell's language shows it.</summary>
    internal static string Shown(CommandOptionDefinition definition) => CommandTranslations.Shown(definition.Name, definition.NameLocalizations);
}
