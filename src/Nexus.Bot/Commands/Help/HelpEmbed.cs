using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Models;

namespace Nexus.Bot.Commands.Help;

/// <summary>Builds the <c>/help</c> embed: one field per command, each with an example as members type it.</summary>
public static class HelpEmbed
{
    /// <summary>The commands in the order a new member meets them, each with its text in the current language (resource <c>Help_&lt;id&gt;</c>).</summary>
    public static IReadOnlyList<(string Command, string Text)> Entries =>
    [
        ("/mycase start", Strings.Help_Start),
        ("/mycase update", Strings.Help_Update),
        ("/mycase clear", Strings.Help_Clear),
        ("/mycase show", Strings.Help_Show),
        ("/mycase privacy", Strings.Help_Privacy),
        ("/mycase delete", Strings.Help_Delete),
        ("/stats", Strings.Help_Stats),
        ("/cases", Strings.Help_Cases),
        ("/nexus", Strings.Help_Nexus),
        (Strings.Help_DatesHeading, Strings.Help_Dates),
    ];

    /// <summary>The embed.</summary>
    public static Embed Build() => new()
    {
        Title = Strings.Help_Title,
        Description = Strings.Help_Description,
        Color = EmbedColours.Neutral,
        Fields = [.. Entries.Select(e => new EmbedField(e.Command, e.Text))],
        Footer = new EmbedFooter(Strings.Help_Footer),
    };
}
