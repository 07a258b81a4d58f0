using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Storage;

namespace Nexus.Bot.Hosting;

/// <summary>
/// What every interaction's handler runs inside:
/// <list type="bullet">
/// <item>the interaction is the origin of the writes its handler makes, so the first of them to commit stores the
/// interaction's id (table <c>request_writes</c>) and a replay of the interaction, on any instance sharing the
/// database, is refused instead of acting twice;</item>
/// <item>the member's language (<c>locale</c>) for replies and the server's (<c>guild_locale</c>) for public posts
/// (<see cref="Languages.Enter"/>).</item>
/// </list>
/// </summary>
internal sealed class HandlerScope : IInteractionHandlerScope
{
    public IDisposable? Enter(Interaction interaction)
    {
        // Stored as the database stores every Discord id: the same 64 bits, read as a signed integer.
        var origin = WriteOrigin.Begin(unchecked((long)interaction.Id));
        var language = Languages.Enter(interaction.Locale, interaction.GuildLocale);
        return new Both(language, origin);
    }

    private sealed class Both(IDisposable language, IDisposable? origin) : IDisposable
    {
        public void Dispose()
        {
            language.Dispose();
            origin?.Dispose();
        }
    }
}
