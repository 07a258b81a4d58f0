using System.Text;
using Nexus.Bot.Localization;

namespace Nexus.Bot.Shell;

/// <summary>A mistake in a typed line (not a refused command): shown, and the shell goes on.</summary>
internal sealed class ShellInputException(string message) : Exception(message);

/// <summary>One word of a typed line.</summary>
/// <param name="Text">The word with its quotes removed.</param>
/// <param name="Name">For <c>name:value</c> (the colon outside quotes), the name; otherwise null.</param>
/// <param name="Value">The value part of <c>name:value</c>, or the whole word.</param>
internal sealed record ShellToken(string Text, string? Name, string Value);

/// <summary>
/// Splits a line into words as Discord's client reads a typed command: spaces separate words, double or
/// single quotes keep spaces inside a value (<c>centre:"Fort Erie"</c>), and <c>name:value</c> names an
/// option when the colon is outside quotes.
/// </summary>
internal static class ShellTokenizer
{
    public static IReadOnlyList<ShellToken> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = new List<ShellToken>();
        var text = new StringBuilder();
        var inWord = false;
        var colon = -1;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else
                {
                    text.Append(c);
                }

                continue;
            }

            if (c is '"' or '\'' or '“' or '”')
            {
                quote = c == '“' ? '”' : c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else
            {
                if (c == ':' && colon < 0)
                {
                    colon = text.Length;
                }

                text.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new ShellInputException(Strings.Shell_QuoteNotClosed);
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (inWord)
            {
                var word = text.ToString();
                var name = colon > 0 && IsOptionName(word[..colon]) ? word[..colon] : null;
                tokens.Add(new ShellToken(word, name, name is null ? word : word[(colon + 1)..]));
            }

            text.Clear();
            inWord = false;
            colon = -1;
        }
    }

    /// <summary>Discord's option names: letters of any language (période), digits, '-' and '_', starting with a letter here (so a time like 10:30 stays a value).</summary>
    private static bool IsOptionName(string text) =>
        text.Length is > 0 and <= 32 && char.IsLetter(text[0]) && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_');
}
