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
            using (Languages.Use(Languages.For(Session.Locale)))
            {
                _renderer.Line(Strings.Shell_Greeting, "bold");
            }
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

        // The shell's own lines speak the language of the client it stands in for, as Discord's would; each
        // interaction then sets the same language again from its locale.
        using var language = Languages.Use(Languages.For(Session.Locale));
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
            _renderer.Line(Text.Format(Strings.Shell_FeedPost, post.ChannelId.ToString(CultureInfo.InvariantCulture), post.Text), "grey");
        }

        foreach (var notice in _feed?.DrainNotices() ?? [])
        {
            _renderer.Line(Text.Format(Strings.Shell_DirectMessage, LocalIds.NameOf(notice.MemberId) ?? Strings.Shell_TheMember, NoticeText.Of(notice)), "grey");
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
                Session.UserName = Required(argument, Strings.Shell_UserUsage);
                _renderer.Note(Text.Format(Strings.Shell_NowActingAs, Session.UserName));
                break;
            case ":server":
                Session.ServerName = Required(argument, Strings.Shell_ServerUsage);
                _renderer.Note(Text.Format(Strings.Shell_NowInServer, Session.ServerName));
                break;
            case ":mod":
                Session.Moderator = argument?.ToLowerInvariant() switch
                {
                    "on" => true,
                    "off" => false,
                    _ => throw new ShellInputException(Strings.Shell_ModUsage),
                };
                _renderer.Note(Text.Format(Session.Moderator ? Strings.Shell_ActingAsModerator : Strings.Shell_ActingAsMember, Session.UserName));
                break;
            case ":today":
                if (argument is "off" or "now")
                {
                    _clock.SetToday(null);
                    _renderer.Note(Text.Format(Strings.Shell_ClockReal, Iso(_clock.Today)));
                    break;
                }

                if (!DateOnly.TryParseExact(argument, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    throw new ShellInputException(Strings.Shell_TodayUsage);
                }

                _clock.SetToday(day);
                _renderer.Note(Text.Format(Strings.Shell_TodayNow, Iso(day)));
                break;
            case ":click":
                await ClickAsync(argument, cancellationToken);
                break;
            case ":locale":
                Session.Locale = Languages.LocaleOf(Languages.For(Cli.CliOptions.LocaleName(argument) ?? throw new ShellInputException(Strings.Shell_LocaleUsage)));
                using (Languages.Use(Languages.For(Session.Locale)))
                {
                    _renderer.Note(Text.Format(Strings.Shell_LocaleNow, Session.Locale));
                }

                break;
            default:
                throw new ShellInputException(Text.Format(Strings.Shell_UnknownControl, parts[0]));
        }

        return true;
    }

    private async Task ClickAsync(string? argument, CancellationToken cancellationToken)
    {
        if (_last is not { } message || message.Buttons.Count == 0)
        {
            throw new ShellInputException(Strings.Shell_NoButtons);
        }

        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > message.Buttons.Count)
        {
            throw new ShellInputException(Text.Format(Strings.Shell_ClickUsage, message.Buttons.Count));
        }

        var button = message.Buttons[number - 1];
        if (button.CustomId is not { } customId)
        {
            throw new ShellInputException(Text.Format(Strings.Shell_ButtonIsLink, number, button.Url));
        }

        if (button.Disabled == true)
        {
            throw new ShellInputException(Text.Format(Strings.Shell_ButtonDisabled, number));
        }

        var interaction = _interactions.Button(Session, customId, message.MessageId, message.Ephemeral, message.InteractionId, message.User);
        var responder = new ShellResponder(_renderer, _interactions.NextId, shown => _last = shown, interaction, message);
        await _dispatcher.DispatchAsync(interaction, responder, cancellationToken);
    }

    private void Help()
    {
        _renderer.Line(Strings.Shell_HelpBot);
        foreach (var usage in _parser.Usage())
        {
            _renderer.Line("  " + usage);
        }

        _renderer.Line(Strings.Shell_HelpShell);
        foreach (var line in (string[])[Strings.Shell_HelpUser, Strings.Shell_HelpMod, Strings.Shell_HelpServer, Strings.Shell_HelpToday, Strings.Shell_HelpClick, Strings.Shell_HelpLocale, Strings.Shell_HelpQuit])
        {
            _renderer.Line(line);
        }
    }

    private static string Required(string? argument, string usage) =>
        string.IsNullOrWhiteSpace(argument) ? throw new ShellInputException(usage) : argument;

    private static string ValueText(CommandChoice choice) => Convert.ToString(choice.Value, CultureInfo.InvariantCulture) ?? "";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
