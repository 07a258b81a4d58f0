using System.Globalization;
using Nexus.Bot.Localization;

namespace Nexus.Bot.Commands.NexusTopic;

/// <summary>
/// One <c>/nexus</c> topic: a short answer in our own words and the official pages to check it against. The
/// words are resources (<c>Topic_&lt;value&gt;_Name</c>, <c>Topic_&lt;value&gt;_Answer</c>, <c>Link_&lt;id&gt;_Label</c>
/// and <c>_Url</c>), so each language has its own text and, where the agency has one, its own official page.
/// </summary>
/// <param name="Value">The choice value.</param>
/// <param name="LinkIds">The official pages, by link id.</param>
public sealed record TopicAnswer(string Value, IReadOnlyList<string> LinkIds)
{
    /// <summary>The choice name and embed title, in the current language.</summary>
    public string Name => NameIn(Languages.Current);

    /// <summary>The answer, a few short paragraphs, in the current language.</summary>
    public string Answer => Text.Find($"Topic_{Value}_Answer")!;

    /// <summary>Official pages, (label, address), in the current language.</summary>
    public IReadOnlyList<(string Label, string Url)> Links => [.. LinkIds.Select(id => (Text.Find($"Link_{id}_Label")!, Text.Find($"Link_{id}_Url")!))];

    /// <summary>The name in <paramref name="language"/> (the command's choices are English by default).</summary>
    public string NameIn(CultureInfo language) => Strings.ResourceManager.GetString($"Topic_{Value}_Name", language)!;
}

/// <summary>
/// The answers of <c>/nexus topic</c>, written from the project's NEXUS reference notes (compiled
/// 21 November 2026 from sources dated up to 2024). Facts change: every answer carries the date they were
/// checked and sends members to the official pages, which are what counts.
/// </summary>
public static class NexusTopics
{
    /// <summary>Every topic, in the order of the choices.</summary>
    public static IReadOnlyList<TopicAnswer> All { get; } =
    [
        new("eligibility", ["CbsaNexus", "CbpNexus"]),
        new("steps", ["CbsaNexus", "CbpTtp"]),
        new("interview", ["CbsaCentres", "CbpArrival"]),
        new("fees", ["CbsaNexus", "FeeNotice"]),
        new("centres", ["CbsaCentres", "CbpArrival"]),
    ];

    /// <summary>"As of 21 November 2026. Nexus is a community tool…", said under every answer.</summary>
    public static string Footer => Strings.Topic_Footer;

    /// <summary>The topic with this value or name, in English or the current language (case-insensitive), or null.</summary>
    public static TopicAnswer? Find(string? topic) =>
        All.FirstOrDefault(t => string.Equals(t.Value, topic, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.NameIn(Languages.English), topic, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.Name, topic, StringComparison.OrdinalIgnoreCase));
}
