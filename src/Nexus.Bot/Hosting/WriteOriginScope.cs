using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Hosting;

/// <summary>
/// Makes each interaction the origin of the writes its handler makes, so the first of them to commit stores the
/// interaction's id (table <c>request_writes</c>) and a replay of the interaction, on any instance sharing the
/// database, is refused instead of acting twice.
/// </summary>
internal sealed class WriteOriginScope : IInteractionHandlerScope
{
    // Stored as the database stores every Discord id: the same 64 bits, read as a signed integer.
    public IDisposable? Enter(Interaction interaction) => WriteOrigin.Begin(unchecked((long)interaction.Id));
}
