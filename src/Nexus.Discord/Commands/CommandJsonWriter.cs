using Nexus.Discord.Models;

namespace Nexus.Discord.Commands;

/// <summary>Turns definitions into the registration JSON (Discord's <c>ApplicationCommandCreateRequest</c>).</summary>
public static class CommandJsonWriter
{
    /// <summary>The JSON model of one command.</summary>
    public static ApplicationCommandJson ToJson(SlashCommandDefinition command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new ApplicationCommandJson
        {
            Name = command.Name,
            Description = command.Description,
            NameLocalizations = command.NameLocalizations,
            DescriptionLocalizations = command.DescriptionLocalizations,
            Type = 1, // CHAT_INPUT: a slash command.
            Options = command.Options.Count == 0 ? null : [.. command.Options.Select(ToJson)],
            DefaultMemberPermissions = command.DefaultMemberPermissions,
            Contexts = command.Contexts?.Select(c => (int)c).ToArray(),
            IntegrationTypes = command.IntegrationTypes?.Select(t => (int)t).ToArray(),
        };
    }

    private static ApplicationCommandOptionJson ToJson(CommandOptionDefinition option) => new()
    {
        Type = option.Type,
        Name = option.Name,
        Description = option.Description,
        NameLocalizations = option.NameLocalizations,
        DescriptionLocalizations = option.DescriptionLocalizations,
        // Discord rejects "required" on subcommands and groups, and false is its default elsewhere.
        Required = option.IsSubcommandOrGroup || !option.Required ? null : true,
        Choices = option.Choices.Count == 0 ? null : option.Choices,
        Options = option.Options.Count == 0 ? null : [.. option.Options.Select(ToJson)],
        MinValue = option.MinValue,
        MaxValue = option.MaxValue,
        MinLength = option.MinLength,
        MaxLength = option.MaxLength,
        Autocomplete = option.Autocomplete ? true : null,
        ChannelTypes = option.ChannelTypes,
    };
}
