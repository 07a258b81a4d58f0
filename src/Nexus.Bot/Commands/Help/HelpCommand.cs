using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

namespace Nexus.Bot.Commands.Help;

/// <summary><c>/help</c>: what each member command does, with examples. Public, so it can answer a newcomer's question in the channel.</summary>
public static class HelpCommand
{
    /// <summary>The command definition.</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("help", "What each Nexus command does, with examples")
        .Contexts(InteractionContextType.Guild)
        .HandledBy<HelpHandler>()
        .Build();
}

/// <summary>Answers <c>/help</c> with the help embed; nothing to read, nothing to store.</summary>
public sealed class HelpHandler : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(InteractionResult.Reply(InteractionMessage.WithEmbeds([HelpEmbed.Build()])));
}
