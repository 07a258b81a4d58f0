using Nexus.Discord.Models;

namespace Nexus.Bot.Tests;

/// <summary>Every text of a message, for "contains" checks: content, embed titles, descriptions, fields and footers.</summary>
public static class ReplyText
{
    public static string Of(string? content, IEnumerable<Embed>? embeds) => string.Join(
        '\n',
        new[] { content }.Concat((embeds ?? []).SelectMany(e =>
            new[] { e.Title, e.Description }.Concat((e.Fields ?? []).SelectMany(f => new[] { f.Name, f.Value })).Append(e.Footer?.Text)))
        .Where(t => t is not null));
}
