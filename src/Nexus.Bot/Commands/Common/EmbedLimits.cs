using Nexus.Discord.Models;

namespace Nexus.Bot.Commands.Common;

/// <summary>
/// Discord's embed limits (reference §7.2): a message breaking any of them is refused with 400 (50035),
/// so the member would see nothing at all. Builders trim to these; tests check every builder with them.
/// </summary>
public static class EmbedLimits
{
    /// <summary>Title characters.</summary>
    public const int Title = 256;

    /// <summary>Description characters.</summary>
    public const int Description = 4096;

    /// <summary>Fields per embed.</summary>
    public const int Fields = 25;

    /// <summary>Field name characters.</summary>
    public const int FieldName = 256;

    /// <summary>Field value characters.</summary>
    public const int FieldValue = 1024;

    /// <summary>Footer characters.</summary>
    public const int Footer = 2048;

    /// <summary>Author name characters.</summary>
    public const int Author = 256;

    /// <summary>Characters over every embed of one message: titles, descriptions, field names and values, footers, authors.</summary>
    public const int Total = 6000;

    /// <summary>Embeds per message.</summary>
    public const int Embeds = 10;

    /// <summary>Message content characters.</summary>
    public const int Content = 2000;

    /// <summary>Every limit the embeds of one message break, as readable lines; empty when they fit.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<Embed> embeds)
    {
        ArgumentNullException.ThrowIfNull(embeds);
        var problems = new List<string>();
        if (embeds.Count > Embeds)
        {
            problems.Add($"{embeds.Count} embeds (at most {Embeds})");
        }

        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            var embed = embeds[i];
            Check(problems, i, "title", embed.Title, Title);
            Check(problems, i, "description", embed.Description, Description);
            Check(problems, i, "footer", embed.Footer?.Text, Footer);
            Check(problems, i, "author", embed.Author?.Name, Author);
            total += Count(embed.Title) + Count(embed.Description) + Count(embed.Footer?.Text) + Count(embed.Author?.Name);
            var fields = embed.Fields ?? [];
            if (fields.Count > Fields)
            {
                problems.Add($"embed {i}: {fields.Count} fields (at most {Fields})");
            }

            foreach (var field in fields)
            {
                Check(problems, i, $"field \"{field.Name}\" name", field.Name, FieldName);
                Check(problems, i, $"field \"{field.Name}\" value", field.Value, FieldValue);

                // Discord refuses empty field names and values too.
                if (string.IsNullOrWhiteSpace(field.Name) || string.IsNullOrWhiteSpace(field.Value))
                {
                    problems.Add($"embed {i}: field \"{field.Name}\" is empty");
                }

                total += Count(field.Name) + Count(field.Value);
            }
        }

        if (total > Total)
        {
            problems.Add($"{total} characters in all (at most {Total})");
        }

        return problems;
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    public static string Fit(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    // Discord trims leading and trailing whitespace before counting.
    private static int Count(string? text) => text?.Trim().Length ?? 0;

    private static void Check(List<string> problems, int index, string what, string? text, int max)
    {
        if (Count(text) > max)
        {
            problems.Add($"embed {index}: {what} has {Count(text)} characters (at most {max})");
        }
    }
}
