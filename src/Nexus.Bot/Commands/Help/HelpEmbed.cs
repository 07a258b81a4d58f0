using Nexus.Bot.Commands.Common;
using Nexus.Discord.Models;

namespace Nexus.Bot.Commands.Help;

/// <summary>Builds the <c>/help</c> embed: one field per command, each with an example as members type it.</summary>
public static class HelpEmbed
{
    /// <summary>The commands in the order a new member meets them.</summary>
    public static IReadOnlyList<(string Command, string Text)> Entries { get; } =
    [
        ("/mycase start", "Start tracking your application. `/mycase start 2024-03-15 initial ca-citizen 2 centre:Blaine` (applicants and centre are optional)."),
        ("/mycase update", "Record a milestone: conditional, interview, interview-ca, interview-us, approved, card or denied. `/mycase update interview 2024-05-01`"),
        ("/mycase clear", "Remove a milestone you entered by mistake. `/mycase clear interview`"),
        ("/mycase show", "Your case with every wait and an estimate for the next step; add a member to see theirs if they shared it. `/mycase show`"),
        ("/mycase privacy", "Share your case with your name (`/mycase privacy visible:true`) or keep it anonymous (`visible:false`, the default)."),
        ("/mycase delete", "Remove your case and its history from this server, after a confirmation button."),
        ("/stats", "How long each stage takes here, with a chart: the median counts people still waiting, \"most\" is the middle half. `/stats type:renewal period:12m`"),
        ("/cases", "Recent timelines in this server, anonymous unless shared. `/cases status:us-citizen`"),
        ("/nexus", "Short answers about the programme, with official links. `/nexus topic:interview`"),
        ("Dates", "Write `2024-05-01`, `today`, `yesterday`, `1 May 2024` or `May 1, 2024`. Dates like 05/01/2024 are refused, because they read differently on each side of the border."),
    ];

    /// <summary>The embed.</summary>
    public static Embed Build() => new()
    {
        Title = "Nexus commands",
        Description = "Nexus helps members of this server record their NEXUS application timelines and see how long each stage really takes. "
            + "It is a community tool: it is not CBP or CBSA and has no access to your application. Replies about your own case are only shown to you.",
        Color = EmbedColours.Neutral,
        Fields = [.. Entries.Select(e => new EmbedField(e.Command, e.Text))],
        Footer = new EmbedFooter("Your data stays in this server; /mycase delete removes it."),
    };
}
