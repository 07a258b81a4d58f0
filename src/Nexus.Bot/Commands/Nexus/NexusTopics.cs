namespace Nexus.Bot.Commands.NexusTopic;

/// <summary>One <c>/nexus</c> topic: a short answer in our own words and the official pages to check it against.</summary>
/// <param name="Value">The choice value.</param>
/// <param name="Name">The choice name and embed title.</param>
/// <param name="Answer">The answer, a few short paragraphs.</param>
/// <param name="Links">Official pages, (label, address).</param>
public sealed record TopicAnswer(string Value, string Name, string Answer, IReadOnlyList<(string Label, string Url)> Links);

/// <summary>
/// The answers of <c>/nexus topic</c>, written from the project's NEXUS reference notes (compiled
/// 21 November 2026 from sources dated up to 2024). Facts change: every answer carries <see cref="AsOf"/>
/// and sends members to the official pages, which are what counts.
/// </summary>
public static class NexusTopics
{
    /// <summary>When the facts below were last checked against the reference notes.</summary>
    public const string AsOf = "21 November 2026";

    /// <summary>Said under every answer: members must never mistake the bot for the agencies.</summary>
    public const string Disclaimer = "Nexus is a community tool run by members of this server. It is not CBP or CBSA, can't see your application, and may be out of date: the official pages are what count.";

    private static readonly (string, string) CbsaNexus = ("CBSA: NEXUS", "https://www.cbsa-asfc.gc.ca/prog/nexus/enrol-inscrire-eng.html");
    private static readonly (string, string) CbsaCentres = ("CBSA: schedule a NEXUS interview", "https://cbsa-asfc.gc.ca/services/travel-voyage/prog/nexus/centres-eng.html");
    private static readonly (string, string) CbpArrival = ("CBP: NEXUS Enrollment on Arrival", "https://www.cbp.gov/travel/trusted-traveler-programs/nexus/nexus-enrollment-arrival");

    /// <summary>Every topic, in the order of the choices.</summary>
    public static IReadOnlyList<TopicAnswer> All { get; } =
    [
        new(
            "eligibility",
            "Who can apply",
            "NEXUS is open to **citizens and permanent residents of Canada or the United States** whom both countries accept as low-risk travellers. "
            + "**Mexican nationals** who belong to Mexico's Viajero Confiable programme are also mentioned as eligible; check the official pages for your case.\n\n"
            + "Both agencies must approve you, so a refusal by either one means no membership. People either country finds inadmissible (for example because of "
            + "certain criminal records or customs and immigration violations) are not eligible. Everyone applies individually, children included; "
            + "under-18s need a parent's or guardian's consent.",
            [CbsaNexus, ("CBP: NEXUS", "https://www.cbp.gov/travel/trusted-traveler-programs/nexus")]),
        new(
            "steps",
            "From application to card",
            "1. **Apply and pay** on CBP's Trusted Traveler Programs (TTP) website. That day is your application date.\n"
            + "2. **Pending Review**: both countries run background checks. The portal says nothing more, and this is often the longest wait.\n"
            + "3. **Conditionally Approved**: both checks passed. You can now book the interview, and you have roughly a year to finish it.\n"
            + "4. **Interview**, one joint appointment or two halves (see `/nexus topic:interview`). The decision usually comes the same day.\n"
            + "5. **Approved**: the card is mailed, typically within about two weeks, and must be activated in your TTP account.\n\n"
            + "Record each step with `/mycase update` to see how your wait compares with this server's.",
            [CbsaNexus, ("CBP: Trusted Traveler Programs", "https://ttp.cbp.dhs.gov/")]),
        new(
            "interview",
            "The interview and its routes",
            "The interview has a Canadian half (CBSA) and a U.S. half (CBP). There are several ways to complete them:\n"
            + "• **Joint**: both officers in one appointment at a U.S. land enrolment centre near the border.\n"
            + "• **Split land**: the Canadian half at a Canadian centre and the U.S. half across the bridge, booked for the same day (Lansdowne/Alexandria Bay, Fort Erie/Buffalo, Stanstead/Derby Line).\n"
            + "• **Two-step airport**: the Canadian half by appointment at one of eight Canadian airport centres, the U.S. half without an appointment in U.S. preclearance before a U.S.-bound flight.\n"
            + "• **Enrollment on Arrival**: the U.S. half where CBP offers it, on arrival at participating U.S. airports or in Canadian preclearance, before or after the Canadian half.\n\n"
            + "Record a joint interview with `/mycase update interview`, and split halves with `interview-ca` and `interview-us`.",
            [CbsaCentres, CbpArrival]),
        new(
            "fees",
            "Fees",
            "The application fee is **US$120** for new applications and renewals made from 1 October 2024, paid online in U.S. dollars; it was US$50 before. "
            + "The fee is not refunded if you are refused.\n\n"
            + "Applicants under 18 pay nothing only when a parent or legal guardian already holds, or is applying at the same time for, NEXUS, SENTRI or Global Entry; otherwise they pay the full fee.",
            [CbsaNexus, ("Federal Register: fee notice 2024-06852", "https://www.federalregister.gov/d/2024-06852")]),
        new(
            "centres",
            "Enrolment centres",
            "Interviews happen at U.S. land enrolment centres near the border (joint interviews), at Canadian land centres paired with a U.S. centre (split interviews), "
            + "at eight Canadian airport centres (the Canadian half), and at U.S. airports and Canadian preclearance offering Enrollment on Arrival (the U.S. half).\n\n"
            + "Add `centre:` and start typing a name, city, province or state to see one centre's details.",
            [CbsaCentres, CbpArrival]),
    ];

    /// <summary>The topic with this value or name (case-insensitive), or null.</summary>
    public static TopicAnswer? Find(string? topic) =>
        All.FirstOrDefault(t => string.Equals(t.Value, topic, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Name, topic, StringComparison.OrdinalIgnoreCase));
}
