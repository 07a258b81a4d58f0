using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Localization;

/// <summary>
/// The names members read for the domain's values, in the current language: resource
/// <c>Name_&lt;Type&gt;_&lt;wire name&gt;</c>, e.g. <c>Name_Milestone_conditional</c>. The English resources say
/// what the domain's own display names say (a test holds them together).
/// </summary>
public static class Names
{
    /// <summary>"Conditional approval" / "Approbation conditionnelle".</summary>
    public static string Of(Milestone value) => Get(nameof(Milestone), value.Name());

    /// <summary>"Interview (joint, both halves)" / "Entrevue (conjointe, les deux volets)".</summary>
    public static string Of(MilestoneInput value) => Get(nameof(MilestoneInput), value.Name());

    /// <summary>"Initial application" / "Première demande".</summary>
    public static string Of(ApplicationType value) => Get(nameof(ApplicationType), value.Name());

    /// <summary>"Canadian citizen" / "Citoyen canadien".</summary>
    public static string Of(ApplicantStatus value) => Get(nameof(ApplicantStatus), value.Name());

    /// <summary>"Pending review" / "En cours d'examen".</summary>
    public static string Of(CaseStatus value) => Get(nameof(CaseStatus), value.Name());

    /// <summary>"Applied → conditional approval" / "Demande → approbation conditionnelle".</summary>
    public static string Of(Stage value) => Get(nameof(Stage), value.Name());

    /// <summary>A moderator action as the log and the case history name it: "exclude" / "exclusion".</summary>
    public static string Of(ModerationAction value) => Get(nameof(ModerationAction), value.Name());

    /// <summary>What a stage waits for, in lower case: "conditional approval" / "l'approbation conditionnelle".</summary>
    public static string EndOf(Stage value) => Get("StageEnd", value.Name());

    /// <summary>
    /// A centre's name in the current language: resource <c>CentreName_&lt;code&gt;</c> where a language has one,
    /// else the reference file's (English) name. The file names U.S. centres as CBP does and Canadian ones in
    /// English; French names follow the CBSA's French pages.
    /// </summary>
    public static string Of(EnrolmentCentre centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        return Text.Find(CentreResourceName(centre.Code)) ?? centre.Name;
    }

    /// <summary>The resource name of a centre's name, e.g. <c>CentreName_us_wa_blaine</c>.</summary>
    public static string CentreResourceName(string code) => Text.ResourceName("CentreName", code);

    /// <summary>A centre's notes in the current language (resource <c>CentreNote_&lt;code&gt;</c>), else the reference file's; null when it has none.</summary>
    public static string? NotesOf(EnrolmentCentre centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        return string.IsNullOrWhiteSpace(centre.Notes) ? null : Text.Find(CentreNotesResourceName(centre.Code)) ?? centre.Notes;
    }

    /// <summary>The resource name of a centre's notes, e.g. <c>CentreNote_us_wa_blaine</c>.</summary>
    public static string CentreNotesResourceName(string code) => Text.ResourceName("CentreNote", code);

    /// <summary>A centre's operating status ("active" / "en service"); an unknown status as the file writes it.</summary>
    public static string StatusOf(EnrolmentCentre centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        return Text.Find(Text.ResourceName("Centre_Status", centre.Status)) ?? centre.Status;
    }

    /// <summary>The resource name of a value's name.</summary>
    public static string ResourceName(string type, string wireName) => Text.ResourceName("Name_" + type, wireName);

    private static string Get(string type, string wireName) =>
        Text.Find(ResourceName(type, wireName)) ?? throw new InvalidOperationException($"No name for {type} '{wireName}' in the resources.");
}
