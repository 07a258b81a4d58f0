using Nexus.Bot.Localization;
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
            Title = Text.Format(Strings.Topic_Title, topic.Name),
            Description = EmbedLimits.Fit(topic.Answer, EmbedLimits.Description),
            Color = EmbedColours.Neutral,
            Fields = [new EmbedField(Strings.Topic_OfficialPages, string.Join('\n', topic.Links.Select(l => $"[{l.Label}]({l.Url})")))],
            Footer = new EmbedFooter(NexusTopics.Footer),
        };
    }

    /// <summary>One centre: where it is, what happens there, its pair, whether to book, and notes.</summary>
    /// <param name="centre">The centre.</param>
    /// <param name="pair">The centre that completes the other half, when it has one.</param>
    public static Embed Centre(EnrolmentCentre centre, EnrolmentCentre? pair)
    {
        ArgumentNullException.ThrowIfNull(centre);
        // Full-width fields but the two short ones: at phone width three inline columns leave a word per line.
        var fields = new List<EmbedField>
        {
            new(Strings.Centre_Where, Text.Format(
                (centre.Country == "CA", centre.Kind == "airport") switch
                {
                    (true, true) => Strings.Centre_WhereCanadaAirport,
                    (true, false) => Strings.Centre_WhereCanadaLand,
                    (false, true) => Strings.Centre_WhereUsAirport,
                    _ => Strings.Centre_WhereUsLand,
                },
                centre.City,
                centre.ProvinceState)),
            new(Strings.Centre_What, Role(centre.Role)),
            new(Strings.Centre_Appointment, centre.AppointmentRequired ? Strings.Centre_Book : Strings.Centre_WalkUp, Inline: true),
            new(Strings.Centre_Status, Names.StatusOf(centre), Inline: true),
        };
        if (pair is not null)
        {
            fields.Add(new EmbedField(Strings.Centre_OtherHalf, EmbedLimits.Fit($"{Names.Of(pair)} ({pair.City}, {pair.ProvinceState})", EmbedLimits.FieldValue)));
        }

        if (Names.NotesOf(centre) is { } notes)
        {
            fields.Add(new EmbedField(Strings.Centre_Notes, EmbedLimits.Fit(notes, EmbedLimits.FieldValue)));
        }

        fields.Add(new EmbedField(Strings.Centre_OfficialPage, $"[{Strings.Link_CbsaCentres_Label}]({Strings.Link_CbsaCentres_Url})"));
        return new Embed
        {
            Title = EmbedLimits.Fit(Names.Of(centre), EmbedLimits.Title),
            Color = EmbedColours.Neutral,
            Fields = fields,
            Footer = new EmbedFooter(NexusTopics.Footer),
        };
    }

    private static string Role(string role) => role switch
    {
        "joint_interview" => Strings.Centre_RoleJoint,
        "split_cbsa_portion" => Strings.Centre_RoleSplitCbsa,
        "split_cbp_portion" => Strings.Centre_RoleSplitCbp,
        "two_step_cbsa_portion" => Strings.Centre_RoleTwoStep,
        "eoa_cbp_portion" => Strings.Centre_RoleArrival,
        _ => role,
    };
}
