using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Bot.Attachments;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Commands.Mod;

/// <summary>
/// The <c>/mod</c> command: its definition, its buttons (custom ids <c>mod:review</c>, <c>mod:log</c>,
/// <c>mod:remove</c>, <c>mod:prune</c>, <c>mod:case</c>), the removal-reason modal (<c>mod:remove-reason</c>) and its services. Moderation itself is
/// <see cref="ModerationService"/>, registered by <c>AddNexusStorage</c>.
/// </summary>
public static class ModModule
{
    // The stages as /stats names them, the wire name as the value.
    private static readonly IReadOnlyList<(string Value, string Name)> StageChoices = [.. StageNames.All.Select(s => (s.Name(), s.Display()))];

    /// <summary>The <c>/mod</c> definition: guild only, shown by default to members with Manage Server ("32").</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("mod", "Moderate this server's cases")
        .DefaultMemberPermissions(ModeratorGate.ManageServer)
        .Contexts(InteractionContextType.Guild)
        .Subcommand("review", "Suspicious cases, with the reasons", s => s
            .Integer("page", "Page number", configure: o => o.Range(1, 10_000))
            .HandledBy<ModReviewHandler>(ephemeral: true))
        .Subcommand("exclude", "Take a case, or one stage's wait of it, out of statistics (it is kept)", s => s
            .Integer("case", "Case number", required: true, o => o.Range(1, 1_000_000_000))
            .String("reason", "Why, for the audit log (the member is told)", required: true, o => o.Length(1, 500))
            .String("stage", "Only this stage's wait (the whole case when left out)", configure: o => o.Choices(StageChoices))
            .HandledBy<ModExcludeHandler>(ephemeral: true))
        .Subcommand("include", "Put an excluded case, or an excluded stage of it, back into statistics", s => s
            .Integer("case", "Case number", required: true, o => o.Range(1, 1_000_000_000))
            .String("stage", "Only this stage's wait (the whole case when left out)", configure: o => o.Choices(StageChoices))
            .HandledBy<ModIncludeHandler>(ephemeral: true))
        .Subcommand("case", "One case: timeline, flags, exclusions and history", s => s
            .Integer("case", "Case number", required: true, o => o.Range(1, 1_000_000_000))
            .HandledBy<ModCaseHandler>(ephemeral: true))
        .Subcommand("remove", "Remove a case (undo brings it back for 30 days)", s => s
            .Integer("case", "Case number", configure: o => o.Range(1, 1_000_000_000))
            .User("user", "Or the member whose case it is")
            .String("reason", "Why, for the audit log (required)", configure: o => o.Length(1, 500))
            .HandledBy<ModRemoveHandler>(ephemeral: true))
        .Subcommand("prune", "Preview, then exclude every case a rule finds", s => s
            .String("rule", "Which cases", required: true, o => o.Choices(PruneRules.All.Select(r => (r.Name, r.Name))))
            .Boolean("dry-run", "Only preview, without a Confirm button")
            .HandledBy<ModPruneHandler>(ephemeral: true))
        .Subcommand("undo", "Undo the last action, or the one with this id", s => s
            .Integer("action", "Action id from /mod log", configure: o => o.Range(1, 9_007_199_254_740_991))
            .HandledBy<ModUndoHandler>(ephemeral: true))
        .Subcommand("log", "The audit log of moderator actions", s => s
            .Integer("page", "Page number", configure: o => o.Range(1, 10_000))
            .HandledBy<ModLogHandler>(ephemeral: true))
        .Subcommand("export", "Download the server's cases as anonymised CSV", s => s
            .HandledBy<ModExportHandler>(ephemeral: true))
        .Subcommand("import", "Check or import cases from a CSV file", s => s
            .Attachment("file", "The CSV file (export format or spreadsheet format)", required: true)
            .String("mode", "validate (default) checks only; apply imports the valid rows", configure: o => o.Choices([("validate", "validate"), ("apply", "apply")]))
            .HandledBy<ModImportHandler>(ephemeral: true))
        .Build();

    /// <summary>Adds <c>/mod</c> and its button routes.</summary>
    public static InteractionRegistryBuilder AddModCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddCommand(Definition)
            .AddComponent<ModReviewButtonHandler>("mod:review")
            .AddComponent<ModLogButtonHandler>("mod:log")
            .AddComponent<ModRemoveButtonHandler>("mod:remove")
            .AddComponent<ModPruneButtonHandler>("mod:prune")
            .AddComponent<ModCaseButtonHandler>("mod:case")
            .AddModal<ModRemoveReasonHandler>("mod:remove-reason", ephemeral: true);
    }

    /// <summary>The <c>stage</c> option as a set: empty (the whole case) when it was left out.</summary>
    internal static StageSet StageOption(CommandOptions options) =>
        StageNames.TryParse(options.GetString("stage"), out var stage) ? StageSet.Of(stage) : StageSet.None;

    /// <summary>
    /// Adds the services <c>/mod</c> needs besides storage: the moderator gate, pending removals, the
    /// attachment reader (https downloads; the shell allows <c>file://</c> through <see cref="AttachmentReaderOptions"/>)
    /// and the daily purge of cases removed more than 30 days ago.
    /// </summary>
    public static IServiceCollection AddModServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ModeratorGate>();
        services.TryAddSingleton<PendingRemovals>();
        services.AddOptions<AttachmentReaderOptions>();
        services.AddHttpClient<IAttachmentReader, HttpAttachmentReader>(client => client.Timeout = TimeSpan.FromSeconds(60));
        services.AddHostedService<RemovedCasePurger>();
        return services;
    }
}
