using Nexus.Bot.Commands.Common;
using Nexus.Discord.Commands;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;

namespace Nexus.Bot.Commands.MyCase;

/// <summary>
/// <c>/mycase start|update|edit|clear|show|delete|privacy</c>. The names, option order and choice values are a
/// contract (issue 4): <c>/mycase update interview 2024-05-01</c> must work exactly as typed.
/// </summary>
public static class MyCaseCommand
{
    /// <summary>The custom id prefix of the delete confirmation buttons: <c>mycase:delete:confirm|cancel:&lt;asker id&gt;</c>.</summary>
    public const string DeletePrefix = "mycase:delete";

    /// <summary>The command definition.</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("mycase", "Your NEXUS application timeline in this server")
        .Contexts(InteractionContextType.Guild)
        .Subcommand("start", "Start tracking your application", s => s
            .String("date", "Application date, like 2024-05-01, 1 May 2024 or today", required: true, o => o.Length(1, 40))
            .String("type", "Initial application or renewal", required: true, o => o.Choices(CaseOptions.TypeChoices))
            .String("status", "Your status as an applicant", required: true, o => o.Choices(CaseOptions.StatusChoices))
            .Integer("applicants", "How many people are on the application (1-10, default 1)", configure: o => o.Range(CaseRules.MinApplicants, CaseRules.MaxApplicants))
            .String("centre", "Your enrolment centre: type a name, city, province or state", configure: o => o.Autocomplete<CentreAutocomplete>())
            .HandledBy<MyCaseStartHandler>(ephemeral: true))
        .Subcommand("update", "Record a milestone's date", s => s
            .String("milestone", "Which milestone", required: true, o => o.Choices(CaseOptions.MilestoneChoices))
            .String("date", "When, like 2024-05-01, 1 May 2024, today or yesterday", required: true, o => o.Length(1, 40))
            .HandledBy<MyCaseUpdateHandler>(ephemeral: true))
        .Subcommand("edit", "Correct your case's details: application date, type, status, applicants or centre", s => s
            .String("applied", "The application date, like 2024-05-01 or 1 May 2024", configure: o => o.Length(1, 40))
            .String("type", "Initial application or renewal", configure: o => o.Choices(CaseOptions.TypeChoices))
            .String("status", "Your status as an applicant", configure: o => o.Choices(CaseOptions.StatusChoices))
            .Integer("applicants", "How many people are on the application (1-10)", configure: o => o.Range(CaseRules.MinApplicants, CaseRules.MaxApplicants))
            .String("centre", "Your enrolment centre (type a name, city, province or state), or none", configure: o => o.Autocomplete<CentreAutocomplete>())
            .HandledBy<MyCaseEditHandler>(ephemeral: true))
        .Subcommand("clear", "Remove a milestone entered by mistake", s => s
            .String("milestone", "Which milestone", required: true, o => o.Choices(CaseOptions.MilestoneChoices))
            .HandledBy<MyCaseClearHandler>(ephemeral: true))
        .Subcommand("show", "Show your case, or a member's case they shared", s => s
            .User("user", "A member who made their case visible")
            .HandledBy<MyCaseShowHandler>(ephemeral: true))
        .Subcommand("delete", "Delete your case and its history from this server", s => s
            .HandledBy<MyCaseDeleteHandler>(ephemeral: true))
        .Subcommand("privacy", "Whether other members may see your case with your name", s => s
            .Boolean("visible", "true: shown with your name; false: anonymous (the default)", required: true)
            .HandledBy<MyCasePrivacyHandler>(ephemeral: true))
        .Build();
}
