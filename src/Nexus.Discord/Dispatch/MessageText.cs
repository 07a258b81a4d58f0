using System.Globalization;

namespace Nexus.Discord.Dispatch;

/// <summary>
/// Discord's limit on a message's text, and the helpers that keep member-typed text inside it. A message
/// over the limit is refused by Discord (50035), so the member would see nothing at all.
/// </summary>
public static class MessageText
{
    /// <summary>The most characters a message's <c>content</c> may hold.</summary>
    public const int MaxContentLength = 2000;

    /// <summary>How much of a member's own text an error message quotes back.</summary>
    public const int MaxQuoteLength = 100;

    /// <summary>
    /// <paramref name="text"/> as an error message may quote it: at most <see cref="MaxQuoteLength"/> text
    /// elements (never half an emoji or a combining sequence), then "…".
    /// </summary>
    public static string Quote(string? text)
    {
        text ??= "";
        return Shorten(text, MaxQuoteLength);
    }

    /// <summary>
    /// An instant as a Discord timestamp token, <c>&lt;t:1717250000:f&gt;</c>, which each reader sees in their own
    /// time zone and language ("1 June 2024 10:33"). For instants only: a calendar date written this way
    /// would show the day before to readers west of UTC.
    /// </summary>
    public static string Timestamp(DateTimeOffset instant) =>
        string.Create(CultureInfo.InvariantCulture, $"<t:{instant.ToUnixTimeSeconds()}:f>");

    /// <summary>The content cut to <see cref="MaxContentLength"/> characters (with "…"), so Discord still accepts the message.</summary>
    public static string? FitContent(string? content) =>
        content is { Length: > MaxContentLength } ? Shorten(content, MaxContentLength - 1, countChars: true) : content;

    private static string Shorten(string text, int max, bool countChars = false)
    {
        if ((countChars ? text.Length : new StringInfo(text).LengthInTextElements) <= max)
        {
            return text;
        }

        // Cut at a text-element boundary, counting what the limit counts (characters for Discord's limit).
        var cut = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        var count = 0;
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + ((string)elements.Current).Length;
            if ((countChars ? next : count + 1) > max)
            {
                break;
            }

            cut = next;
            count++;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
