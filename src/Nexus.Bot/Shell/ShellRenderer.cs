using System.Globalization;
using Nexus.Bot.Localization;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Spectre.Console;

namespace Nexus.Bot.Shell;

/// <summary>
/// Renders Discord messages as readable text with Spectre.Console: embeds with title, colour name,
/// description, fields and footer; buttons numbered for <c>:click</c>; ephemeral replies marked. Without a
/// terminal there are no colours, no escape codes and no wrapping, so output can be compared in tests.
/// </summary>
internal sealed partial class ShellRenderer
{
    /// <summary>The marker of a reply only the member who ran the command sees in Discord.</summary>
    public static string EphemeralMarker => Strings.Shell_OnlyYou;

    // Named colours to describe an embed's colour in words; the nearest one wins.
    private static readonly (string Name, int Rgb)[] Palette =
    [
        ("red", 0xDC2626), ("orange", 0xF97316), ("amber", 0xF59E0B), ("yellow", 0xEAB308), ("green", 0x10B981),
        ("dark green", 0x059669), ("teal", 0x14B8A6), ("blue", 0x3B82F6), ("blurple", 0x5865F2), ("purple", 0x8B5CF6),
        ("pink", 0xEC4899), ("grey", 0x9CA3AF), ("black", 0x000000), ("white", 0xFFFFFF),
    ];

    private readonly IAnsiConsole _console;
    private readonly bool _ansi;

    public ShellRenderer(TextWriter output, bool ansi)
    {
        ArgumentNullException.ThrowIfNull(output);
        _ansi = ansi;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!ansi)
        {
            // No wrapping when the output is a file or a pipe: one logical line stays one line.
            _console.Profile.Width = 4096;
        }
    }

    /// <summary>Where files that replies carry (the <c>/stats</c> chart, exports) are saved; null to only name them.</summary>
    public string? FilesDirectory { get; set; }

    /// <summary>A plain line (the shell's own messages).</summary>
    public void Line(string text = "") => _console.WriteLine(text);

    /// <summary>A line in a colour on a terminal, plain otherwise.</summary>
    public void Line(string text, string style) => _console.MarkupLine(_ansi ? $"[{style}]{Markup.Escape(text)}[/]" : Markup.Escape(text));

    /// <summary>The prompt, left open for the member's typing.</summary>
    public void Prompt(string text) => _console.Markup(_ansi ? $"[cyan]{Markup.Escape(text)}[/] " : Markup.Escape(text) + " ");

    /// <summary>A shell error (bad input): shown, then the shell goes on.</summary>
    public void Error(string text) => Line("! " + text, "red");

    /// <summary>A note about what happened to a message ("(edited)", "(thinking…)").</summary>
    public void Note(string text) => Line(text, "grey");

    /// <summary>Renders a message; returns the buttons it shows, numbered from 1 in the order listed.</summary>
    public IReadOnlyList<Component> Message(string? heading, bool ephemeral, string? content, IReadOnlyList<Embed>? embeds, IReadOnlyList<Component>? components, FileUpload? file = null)
    {
        if (heading is not null)
        {
            Note(heading);
        }

        if (ephemeral)
        {
            Line(EphemeralMarker, "grey italic");
        }

        if (!string.IsNullOrEmpty(content))
        {
            foreach (var line in Lines(content))
            {
                Line(line);
            }
        }

        foreach (var embed in embeds ?? [])
        {
            RenderEmbed(embed);
        }

        if (file is not null)
        {
            var bytes = file.Content.Length.ToString(CultureInfo.InvariantCulture);
            if (FilesDirectory is { } folder)
            {
                // A terminal can't show the picture: save it where the member can open it, and say where.
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, Path.GetFileName(file.FileName));
                File.WriteAllBytes(path, file.Content.ToArray());
                Line(Localization.Text.Format(Strings.Shell_FileSaved, file.FileName, bytes, file.ContentType, path), "blue");
            }
            else
            {
                Line(Localization.Text.Format(Strings.Shell_File, file.FileName, bytes, file.ContentType), "blue");
            }
        }

        var buttons = Buttons(components).ToList();
        if (buttons.Count > 0)
        {
            Line(string.Join("   ", buttons.Select((b, i) => $"[{(i + 1).ToString(CultureInfo.InvariantCulture)}] {b.Label}{(b.Disabled == true ? Strings.Shell_Disabled : "")}{(b.Url is { } url ? " -> " + url : "")}")), "bold");
        }

        foreach (var select in Selects(components))
        {
            Line(Localization.Text.Format(Strings.Shell_Select, select.CustomId, string.Join(", ", (select.Options ?? []).Select(o => o.Label))), "grey");
        }

        return buttons;
    }

    /// <summary>The name of the palette colour nearest to <paramref name="rgb"/>.</summary>
    public static string ColourName(int rgb)
    {
        static int Distance(int a, int b)
        {
            var dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
            var dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
            var db = (a & 0xFF) - (b & 0xFF);
            return (dr * dr) + (dg * dg) + (db * db);
        }

        return Palette.MinBy(p => Distance(p.Rgb, rgb)).Name;
    }

    private void RenderEmbed(Embed embed)
    {
        var colour = embed.Color is { } rgb ? ColourName(rgb) : null;
        var title = embed.Title ?? embed.Author?.Name ?? "";
        var header = "== " + title + (colour is null ? "" : $" [{colour}]") + " ==";
        if (_ansi && embed.Color is { } c)
        {
            _console.MarkupLine($"[bold #{c.ToString("X6", CultureInfo.InvariantCulture)}]{Markup.Escape(header)}[/]");
        }
        else
        {
            Line(header);
        }

        if (embed.Title is not null && embed.Author is { } author)
        {
            Line(author.Name, "grey");
        }

        if (!string.IsNullOrEmpty(embed.Description))
        {
            foreach (var line in Lines(embed.Description))
            {
                Line(line);
            }
        }

        foreach (var field in embed.Fields ?? [])
        {
            var lines = Lines(field.Value).ToList();
            if (lines.Count == 1)
            {
                Line($"{Plain(field.Name)}: {lines[0]}");
            }
            else
            {
                Line(Plain(field.Name) + ":");
                foreach (var line in lines)
                {
                    Line("  " + line);
                }
            }
        }

        if (embed.Footer is { } footer)
        {
            Line("-- " + Plain(footer.Text), "grey");
        }
    }

    private static IEnumerable<Component> Buttons(IReadOnlyList<Component>? components) =>
        Flatten(components).Where(c => c.Type == ComponentType.Button);

    private static IEnumerable<Component> Selects(IReadOnlyList<Component>? components) =>
        Flatten(components).Where(c => c.Type == ComponentType.StringSelect);

    private static IEnumerable<Component> Flatten(IReadOnlyList<Component>? components)
    {
        foreach (var component in components ?? [])
        {
            yield return component;
            foreach (var child in Flatten(component.Components))
            {
                yield return child;
            }
        }
    }

    /// <summary>Lines of Discord markdown as plain text: code fences dropped (their content kept), bold markers removed.</summary>
    private static IEnumerable<string> Lines(string text) =>
        text.ReplaceLineEndings("\n").Split('\n')
            .Where(line => !line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            .Select(Plain);

    // Bold markers dropped; mentions by the name the shell knows (Discord shows names too); timestamp tokens in
    // the machine's local time, since Discord shows them in each reader's own zone and the shell's reader is the
    // person at this machine.
    private static string Plain(string text) =>
        Tokens().Replace(text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal), Token);

    private static string Token(System.Text.RegularExpressions.Match match)
    {
        if (match.Groups["kind"].Value == "t:")
        {
            return long.TryParse(match.Groups["id"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= -62135596800 and <= 253402300799
                ? TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(seconds), TimeZoneInfo.Local).ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)
                : match.Value;
        }

        var id = ulong.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture);
        return match.Groups["kind"].Value switch
        {
            "#" => "#" + (Hosting.LocalIds.NameOf(id) ?? "channel"),
            "@&" => "@" + (Hosting.LocalIds.NameOf(id) ?? "role"),
            _ => "@" + (Hosting.LocalIds.NameOf(id) ?? "member"),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:(?<kind>t:)(?<id>-?\d{1,12})(?::[tTdDfFR])?|(?<kind>#|@&|@!?)(?<id>\d{1,20}))>")]
    private static partial System.Text.RegularExpressions.Regex Tokens();
}
