using Nexus.Bot.Commands.Common;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Commands.NexusTopic;

/// <summary>Builds the <c>/nexus</c> embeds: a topic's answer, or one enrolment centre's details.</summary>
public static class NexusEmbed
{
    /// <summary>A topic's answer with its official links, the "as of" date and the disclaimer.</summary>
    public static Embed Topic(TopicAnswer topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return new Embed
        {
            Title = $"NEXUS: {topic.Name}",
            Description = EmbedLimits.Fit(topic.Answer, EmbedLimits.Description),
            Color = EmbedColours.Neutral,
            Fields = [new EmbedField("Official pages", string.Join('\n', topic.Links.Select(l => $"[{l.Label}]({l.Url})")))],
            Footer = new EmbedFooter($"As of {NexusTopics.AsOf}. {NexusTopics.Disclaimer}"),
        };
    }

    /// <summary>One centre: where it is, what happens there, its pair, whether to book, and notes.</summary>
    /// <param name="centre">The centre.</param>
    /// <param name="pair">The centre that completes the other half, when it has one.</param>
    public static Embed Centre(EnrolmentCentre centre, EnrolmentCentre? pair)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var fields = new List<EmbedField>
        {
            new("Where", $"{centre.City}, {centre.ProvinceState}, {(centre.Country == "CA" ? "Canada" : "United States")} ({(centre.Kind == "airport" ? "airport" : "land border")})", Inline: true),
            new("What happens here", Role(centre.Role), Inline: true),
            new("Appointment", centre.AppointmentRequired ? "Book it in your TTP account" : "No appointment: walk up (Enrollment on Arrival)", Inline: true),
            new("Status", centre.Status, Inline: true),
        };
        if (pair is not null)
        {
            fields.Add(new EmbedField("Other half", EmbedLimits.Fit($"{pair.Name} ({pair.City}, {pair.ProvinceState})", EmbedLimits.FieldValue), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(centre.Notes))
        {
            fields.Add(new EmbedField("Notes", EmbedLimits.Fit(centre.Notes, EmbedLimits.FieldValue)));
        }

        fields.Add(new EmbedField("Official page", "[CBSA: schedule a NEXUS interview](https://cbsa-asfc.gc.ca/services/travel-voyage/prog/nexus/centres-eng.html)"));
        return new Embed
        {
            Title = EmbedLimits.Fit(centre.Name, EmbedLimits.Title),
            Color = EmbedColours.Neutral,
            Fields = fields,
            Footer = new EmbedFooter($"As of {NexusTopics.AsOf}. {NexusTopics.Disclaimer}"),
        };
    }

    private static string Role(string role) => role switch
    {
        "joint_interview" => "Joint interview: both halves in one appointment",
        "split_cbsa_portion" => "Canadian half of a split land interview",
        "split_cbp_portion" => "U.S. half of a split land interview",
        "two_step_cbsa_portion" => "Canadian half of the two-step airport interview",
        "eoa_cbp_portion" => "U.S. half by Enrollment on Arrival",
        _ => role,
    };
}
