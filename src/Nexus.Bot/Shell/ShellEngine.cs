using Nexus.Bot.Localization;
using System.Globalization;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

using Nexus.Bot.Hosting;

namespace Nexus.Bot.Shell;

/// <summary>
/// The local shell: reads slash commands as typed in Discord and session controls (<c>:user</c>,
/// <c>:click</c>, …), builds the interactions Discord would send, and dispatches them through the same
/// <see cref="IInteractionDispatcher"/> and handlers as the bot, with <see cref="ShellResponder"/> rendering
/// the replies. Mistakes in the typed line are shown and the session goes on; a refused command is just a
/// reply. Tests drive it with a <see cref="TextReader"/> and a <see cref="TextWriter"/>.
/// </summary>
internal sealed class ShellEngine
{
    private readonly IInteractionDispatcher _dispatcher;
    private readonly ShellCommandParser _parser;
    private readonly ShellInteractions _interactions;
    private readonly ShellClock _clock;
    private readonly ShellRenderer _renderer;
    private readonly ShellFeed? _feed;
    private ShownMessage? _last;

    public ShellEngine(IInteractionDispatcher dispatcher, InteractionRegistry registry, ShellClock clock, TextWriter output, bool ansi, ShellFeed? feed = null)
    {
        _feed = feed;
        ArgumentNullException.ThrowIfNull(registry);
        _dispatcher = dispatcher;
        _parser = new ShellCommandParser(registry);
        _interactions = new ShellInteractions(TimeProvider.System);
        _clock = clock;
        _renderer = new ShellRenderer(output, ansi);
    }

    /// <summary>Who the shell acts as, and where.</summary>
    public ShellSession Session { get; } = new();

    /// <summary>The renderer, for the host's own lines (the demo count, the greeting).</summary>
    public ShellRenderer Renderer => _renderer;

    /// <summary>
    /// Reads lines until the end of the input or <c>:quit</c>. With <paramref name="interactive"/>, shows a
    /// prompt; otherwise echoes each line with "> " so a transcript reads like a session. Always returns 0:
    /// a refused command is an answer, not a failure of the shell.
    /// </summary>
    public async Task<int> RunAsync(TextReader input, bool interactive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (interactive)
        {
            _renderer.Line("Nexus local shell. Type /help for the bot's commands, :help for the shell's, :quit to leave.", "bold");
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                _renderer.Line();
                _renderer.Prompt($"{Session.UserName}@{Session.ServerName}{(Session.Moderator ? " (mod)" : "")}{(_clock.FixedDay is { } day ? " " + Iso(day) : "")}>");
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!interactive)
            {
                _renderer.Line();
                _renderer.Line("> " + line.Trim(), "cyan");
            }

            if (!await ExecuteAsync(line, cancellationToken))
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>Runs one line. Returns false for <c>:quit</c>.</summary>
    public async Task<bool> ExecuteAsync(string line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        try
        {
            if (trimmed.StartsWith(':'))
            {
                return await ControlAsync(trimmed, cancellationToken);
            }

            await CommandAsync(trimmed, cancellationToken);
        }
        catch (ShellInputException error)
        {
            _renderer.Error(error.Message);
        }
        finally
        {
            ShowFeed();
        }

        return true;
    }

    /// <summary>Shows what the feed channel got from the last line (a milestone update, or a button).</summary>
    private void ShowFeed()
    {
        foreach (var post in _feed?.Drain() ?? [])
        {
            _renderer.Line(string.Create(CultureInfo.InvariantCulture, $"(feed channel {post.ChannelId}) {post.Text}"), "grey");
        }

        foreach (var notice in _feed?.DrainNotices() ?? [])
        {
            _renderer.Line($"(direct message to {LocalIds.NameOf(notice.MemberId) ?? "the member"}) {NoticeText.Of(notice)}", "grey");
        }
    }

    private async Task CommandAsync(string line, CancellationToken cancellationToken)
    {
        var parsed = await ResolveAutocompleteAsync(_parser.Parse(line), cancellationToken);
        var interaction = _interactions.Command(Session, parsed);
        var responder = new ShellResponder(_renderer, _interactions.NextId, shown => _last = shown, interaction);
        await _dispatcher.DispatchAsync(interaction, responder, cancellationToken);
    }

    /// <summary>
    /// An autocomplete option takes what was typed, as in Discord; when the bot's suggestions for that text
    /// hold an exact or a single match, its value is used instead (<c>centre:blaine</c> → <c>us-wa-blaine</c>),
    /// as a member picking the suggestion would send it.
    /// </summary>
    private async Task<ShellCommandLine> ResolveAutocompleteAsync(ShellCommandLine parsed, CancellationToken cancellationToken)
    {
        var values = parsed.Values.ToList();
        for (var i = 0; i < values.Count; i++)
        {
            var (definition, text) = values[i];
            if (!definition.Autocomplete || definition.Type != ApplicationCommandOptionType.String)
            {
                continue;
            }

            var request = _interactions.Command(Session, parsed with { Values = values }, focused: definition.Name);
            var responder = new ShellResponder(_renderer, _interactions.NextId, _ => { }, request);
            await _dispatcher.DispatchAsync(request, responder, cancellationToken);
            var choices = responder.Choices ?? [];
            var pick = choices.FirstOrDefault(c => string.Equals(ValueText(c), text, StringComparison.OrdinalIgnoreCase))
                ?? choices.FirstOrDefault(c => string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase))
                ?? (choices.Count == 1 ? choices[0] : null);
            if (pick is not null)
            {
                values[i] = (definition, ValueText(pick));
            }
        }

        return parsed with { Values = values };
    }

    private async Task<bool> ControlAsync(string line, CancellationToken cancellationToken)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var argument = parts.Length > 1 ? parts[1].Trim('"') : null;
        switch (parts[0].ToLowerInvariant())
        {
            case ":quit" or ":exit" or ":q":
                return false;
            case ":help":
                Help();
                break;
            case ":user":
                Session.UserName = Required(argument, ":user NAME, e.g. :user alice");
                _renderer.Note($"Now acting as {Session.UserName}.");
                break;
            case ":server":
                Session.ServerName = Required(argument, ":server NAME, e.g. :server test");
                _renderer.Note($"Now in server {Session.ServerName}.");
                break;
            case ":mod":
                Session.Moderator = argument?.ToLowerInvariant() switch
                {
                    "on" => true,
                    "off" => false,
                    _ => throw new ShellInputException("Use :mod on or :mod off."),
                };
                _renderer.Note(Session.Moderator ? $"Acting as {Session.UserName} with Manage Server (a moderator)." : $"Acting as {Session.UserName}, an ordinary member.");
                break;
            case ":today":
                if (argument is "off" or "now")
                {
                    _clock.SetToday(null);
                    _renderer.Note($"The clock follows the real time again ({Iso(_clock.Today)}).");
                    break;
                }

                if (!DateOnly.TryParseExact(argument, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    throw new ShellInputException("Use :today YYYY-MM-DD, e.g. :today 2024-06-01 (or :today off).");
                }

                _clock.SetToday(day);
                _renderer.Note($"Today is now {Iso(day)}.");
                break;
            case ":click":
                await ClickAsync(argument, cancellationToken);
                break;
            case ":locale":
                Session.Locale = Languages.LocaleOf(Languages.For(Cli.CliOptions.LocaleName(argument) ?? throw new ShellInputException("Use :locale fr or :locale en.")));
                _renderer.Note(Session.Locale == "fr" ? "Replies are now in French (locale fr)." : "Replies are now in English (locale en-US).");
                break;
            default:
                throw new ShellInputException($"Unknown shell command '{parts[0]}'. Type :help.");
        }

        return true;
    }

    private async Task ClickAsync(string? argument, CancellationToken cancellationToken)
    {
        if (_last is not { } message || message.Buttons.Count == 0)
        {
            throw new ShellInputException("The last reply has no buttons to click.");
        }

        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > message.Buttons.Count)
        {
            throw new ShellInputException($"Use :click N with N from 1 to {message.Buttons.Count}.");
        }

        var button = message.Buttons[number - 1];
        if (button.CustomId is not { } customId)
        {
            throw new ShellInputException($"Button {number} is a link ({button.Url}); open it in a browser.");
        }

        if (button.Disabled == true)
        {
            throw new ShellInputException($"Button {number} is disabled.");
        }

        var interaction = _interactions.Button(Session, customId, message.MessageId, message.Ephemeral, message.InteractionId, message.User);
        var responder = new ShellResponder(_renderer, _interactions.NextId, shown => _last = shown, interaction, message);
        await _dispatcher.DispatchAsync(interaction, responder, cancellationToken);
    }

    private void Help()
    {
        _renderer.Line("Bot commands (as in Discord; options by position or name:value, \"quotes\" for spaces):");
        foreach (var usage in _parser.Usage())
        {
            _renderer.Line("  " + usage);
        }

        _renderer.Line("Shell commands:");
        _renderer.Line("  :user NAME        act as another member (default: you)");
        _renderer.Line("  :mod on|off       with or without the Manage Server permission");
        _renderer.Line("  :server NAME      switch server (default: local)");
        _renderer.Line("  :today YYYY-MM-DD fix the date (:today off follows the real time)");
        _renderer.Line("  :click N          press button N of the last reply");
        _renderer.Line("  :locale fr|en     the language of your Discord client (default: en)");
        _renderer.Line("  :quit             leave");
    }

    private static string Required(string? argument, string usage) =>
        string.IsNullOrWhiteSpace(argument) ? throw new ShellInputException("Use " + usage + ".") : argument;

    private static string ValueText(CommandChoice choice) => Convert.ToString(choice.Value, CultureInfo.InvariantCulture) ?? "";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
