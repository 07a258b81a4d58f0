using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Tests.Support;

/// <summary>A command tree shaped like Nexus's (subcommands, a group, choices, autocomplete, a slow import) with test handlers.</summary>
public static class TestCommands
{
    public static readonly (string Value, string Name)[] Milestones =
    [
        ("conditional", "Conditional approval"),
        ("interview", "Interview"),
        ("approved", "Approved"),
    ];

    public static SlashCommandDefinition MyCase { get; } = SlashCommand.Create("mycase", "Your NEXUS case")
        .Contexts(InteractionContextType.Guild, InteractionContextType.BotDm)
        .IntegrationTypes(ApplicationIntegrationType.GuildInstall)
        .Subcommand("start", "Start tracking your case", s => s
            .String("date", "Application date, like 2024-05-01", required: true, o => o.Length(1, 30))
            .String("type", "Initial application or renewal", required: true, o => o.Choices([("initial", "Initial"), ("renewal", "Renewal")]))
            .Integer("applicants", "How many people applied together", configure: o => o.Range(1, 10))
            .String("centre", "Your enrolment centre", configure: o => o.Autocomplete<CentreAutocomplete>())
            .HandledBy<EchoHandler>())
        .Subcommand("update", "Record a milestone", s => s
            .String("milestone", "Which milestone", required: true, o => o.Choices(Milestones))
            .String("date", "When, like 2024-05-01", required: true)
            .HandledBy<EchoHandler>())
        .Subcommand("show", "Show a case", s => s
            .User("user", "Whose case (default: yours)")
            .HandledBy<EchoHandler>())
        .Subcommand("broken", "Always throws", s => s.HandledBy<ThrowingHandler>())
        .Subcommand("refuse", "Always refuses", s => s.HandledBy<RefusingHandler>())
        .Subcommand("hang", "Never finishes", s => s.HandledBy<HangingHandler>())
        .Subcommand("wait", "Takes a while, not marked slow", s => s.HandledBy<WaitingHandler>())
        .Subcommand("wait-private", "Takes a while, ephemeral", s => s.HandledBy<WaitingHandler>(ephemeral: true))
        .Subcommand("progress", "Reports progress, then finishes", s => s.HandledBy<ProgressHandler>(slow: true, ephemeral: true))
        .Subcommand("export", "Sends a file", s => s.HandledBy<FileHandler>())
        .Group("admin", "Moderator tools", g => g
            .Subcommand("reset", "Reset a member's case", s => s
                .User("user", "Whose case", required: true)
                .HandledBy<EchoHandler>()))
        .Build();

    public static SlashCommandDefinition Help { get; } = SlashCommand.Create("help", "What each command does")
        .HandledBy<EchoHandler>()
        .Build();

    public static SlashCommandDefinition Mod { get; } = SlashCommand.Create("mod", "Moderation")
        .DefaultMemberPermissions(1UL << 5)
        .Contexts(InteractionContextType.Guild)
        .Subcommand("import", "Import a CSV", s => s
            .Attachment("file", "The CSV file", required: true)
            .String("mode", "Validate only, or apply", configure: o => o.Choices([("validate", "Validate"), ("apply", "Apply")]))
            .HandledBy<SlowHandler>(slow: true, ephemeral: true))
        .Subcommand("publish", "A slow public reply that fails", s => s.HandledBy<SlowRefusingHandler>(slow: true))
        .Build();

    public static void Register(InteractionRegistryBuilder registry) => registry
        .AddCommand(MyCase)
        .AddCommand(Help)
        .AddCommand(Mod)
        .AddComponent<PageHandler>("cases:page")
        .AddComponent<SlowPageHandler>("cases:slow", slow: true)
        .AddComponent<ConfirmHandler>("mycase:confirm")
        .AddModal<NoteModalHandler>("mycase:note")
        .AddModal<NoteModalHandler>("mycase:note_modal");

    public static InteractionRegistry Build()
    {
        var builder = new InteractionRegistryBuilder();
        Register(builder);
        return builder.Build();
    }
}

/// <summary>Shared switches the test handlers read (one per test's service provider).</summary>
public sealed class HandlerProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<Guid> Scopes { get; } = [];
}

/// <summary>One per DI scope: lets tests see that each interaction gets its own scope.</summary>
public sealed class ScopeMarker
{
    public Guid Id { get; } = Guid.NewGuid();
}

public sealed class EchoHandler(HandlerProbe probe, ScopeMarker scope) : ICommandHandler
{
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        lock (probe.Scopes)
        {
            probe.Scopes.Add(scope.Id);
        }

        var values = context.Options.Definitions
            .Where(d => context.Options.Has(d.Name))
            .Select(d => d.Name + "=" + d.Type switch
            {
                ApplicationCommandOptionType.String => context.Options.GetString(d.Name),
                ApplicationCommandOptionType.Integer => context.Options.GetInteger(d.Name)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ApplicationCommandOptionType.User => context.Options.GetUser(d.Name)?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "?",
            });
        return Task.FromResult(InteractionResult.Reply($"{context.CommandPath}: {string.Join(", ", values)} <@{context.UserId}> @everyone", ephemeral: true));
    }
}

public sealed class ThrowingHandler : ICommandHandler
{
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("secret internal detail");
}

public sealed class RefusingHandler : ICommandHandler
{
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResult.Failure("Dates look like 2024-05-01."));
}

public sealed class HangingHandler(HandlerProbe probe) : ICommandHandler
{
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        probe.Started.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return InteractionResult.Reply("never");
    }
}

public sealed class SlowHandler(HandlerProbe probe) : ICommandHandler
{
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        probe.Started.TrySetResult();
        await probe.Release.Task.WaitAsync(cancellationToken);
        return InteractionResult.Reply($"Imported {context.Options.GetAttachment("file")?.Filename} ({context.Options.GetString("mode", "validate")}).", ephemeral: true);
    }
}

public sealed class WaitingHandler(HandlerProbe probe) : ICommandHandler
{
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        probe.Started.TrySetResult();
        await probe.Release.Task.WaitAsync(cancellationToken);
        return InteractionResult.Reply("Your case, privately.", ephemeral: true);
    }
}

public sealed class SlowRefusingHandler : ICommandHandler
{
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResult.Failure("Nothing to publish."));
}

public sealed class ProgressHandler : ICommandHandler
{
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        await context.ReplyAsync(InteractionMessage.Text("Importing… 50%"), cancellationToken);
        await context.FollowUpAsync(InteractionMessage.Text("Row 7 skipped."), cancellationToken);
        return InteractionResult.Reply("Imported 12 rows.");
    }
}

public sealed class FileHandler : ICommandHandler
{
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResult.Reply(new InteractionMessage
        {
            Content = "Your export",
            Ephemeral = true,
            File = new FileUpload("cases.csv", "a,b\n"u8.ToArray(), "text/csv"),
        }));
}

public sealed class PageHandler : IComponentHandler
{
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.OriginalUserId != context.UserId
            ? InteractionResult.Failure("Only the member who asked can turn these pages.")
            : InteractionResult.UpdateMessage(InteractionMessage.Text($"page {context.State}")));
}

public sealed class SlowPageHandler : IComponentHandler
{
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResult.UpdateMessage(InteractionMessage.Text($"slow page {context.State}")));
}

public sealed class ConfirmHandler : IComponentHandler
{
    public Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResult.Modal("mycase:note:" + context.State, "Add a note", [Component.LabelFor("Note", Component.TextInput("note", paragraph: true))]));
}

public sealed class NoteModalHandler : IModalHandler
{
    public Task<InteractionResult> HandleAsync(IModalContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResult.Reply($"Note for {context.State}: {context.GetText("note")}", ephemeral: true));
}

public sealed class CentreAutocomplete : IAutocompleteHandler
{
    private static readonly string[] Centres = ["Blaine", "Buffalo", "Vancouver", "Toronto Pearson"];

    public Task<IReadOnlyList<CommandChoice>> SuggestAsync(IAutocompleteContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CommandChoice>>(
            [.. Centres.Where(c => c.Contains(context.FocusedValue, StringComparison.OrdinalIgnoreCase)).Select(c => new CommandChoice(c, c.ToLowerInvariant()))]);
}
