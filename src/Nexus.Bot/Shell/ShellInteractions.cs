using System.Globalization;
using Nexus.Bot.Localization;
using Nexus.Bot.Hosting;
using Nexus.Discord.Commands;
using Nexus.Discord.Models;

namespace Nexus.Bot.Shell;

/// <summary>Who the shell acts as, and where.</summary>
internal sealed class ShellSession
{
    /// <summary>The permissions of an ordinary member: view channels, send messages, embed links, attach files, read history, use application commands.</summary>
    public const ulong MemberPermissions = (1UL << 10) | (1UL << 11) | (1UL << 14) | (1UL << 15) | (1UL << 16) | (1UL << 31);

    /// <summary>MANAGE_GUILD ("Manage Server"), what the moderator commands ask for.</summary>
    public const ulong ManageGuild = 1UL << 5;

    public string UserName { get; set; } = LocalIds.DefaultUser;

    public string ServerName { get; set; } = LocalIds.DefaultServer;

    public bool Moderator { get; set; }

    /// <summary>The member's Discord locale (<c>en-US</c> or <c>fr</c>), also the server's: <c>:locale</c> and <c>--locale</c> set it.</summary>
    public string Locale { get; set; } = "en-US";

    public ulong UserId => LocalIds.User(UserName);

    public ulong ServerId => LocalIds.Server(ServerName);

    public ulong Permissions => Moderator ? MemberPermissions | ManageGuild : MemberPermissions;

    public User User => UserOf(UserName);

    public static User UserOf(string name) => new() { Id = LocalIds.User(name), Username = name, GlobalName = name };
}

/// <summary>
/// Builds interactions as Discord would send them for what was typed: type 2 with the subcommand tree, the
/// member with permissions, the guild, and a fresh id and token; autocomplete (type 4) requests; and button
/// presses (type 3) carrying the message's interaction metadata.
/// </summary>
internal sealed class ShellInteractions
{
    /// <summary>The application id the shell's interactions carry (no Discord application is involved).</summary>
    public const ulong ApplicationId = 1_000_000_000_000_000_001;

    // Snowflakes count milliseconds from the Discord epoch, 2015-01-01T00:00:00Z (reference §1.2).
    private const long DiscordEpochMs = 1420070400000;
    private static readonly ulong ChannelId = LocalIds.Other("channel", "shell");
    private readonly ulong _base;
    private ulong _counter;

    public ShellInteractions(TimeProvider realTime)
    {
        ArgumentNullException.ThrowIfNull(realTime);
        // Snowflake-shaped ids from the real start time, counted up: unique in the process, so the
        // dispatcher's duplicate filter never mistakes a new line for a repeat.
        _base = (ulong)(realTime.GetUtcNow().ToUnixTimeMilliseconds() - DiscordEpochMs) << 22;
    }

    public ulong NextId() => _base + Interlocked.Increment(ref _counter);

    /// <summary>A slash command interaction (or an autocomplete request, when <paramref name="focused"/> names the option being typed).</summary>
    public Interaction Command(ShellSession session, ShellCommandLine line, string? focused = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(line);
        var resolved = new Resolved();
        var parameters = line.Values.Select(v => Option(v.Definition, v.Text, focused == v.Definition.Name, resolved)).ToArray();
        IReadOnlyList<InteractionOption> options = line.Path.Count switch
        {
            0 => parameters,
            1 => [InteractionOption.SubCommand(line.Path[0], parameters)],
            _ => [InteractionOption.SubCommandGroup(line.Path[0], InteractionOption.SubCommand(line.Path[1], parameters))],
        };

        return Base(session, focused is null ? InteractionType.ApplicationCommand : InteractionType.ApplicationCommandAutocomplete) with
        {
            Data = new InteractionData
            {
                Id = LocalIds.Other("command", line.Command.Name),
                Name = line.Command.Name,
                Type = 1,
                Options = options,
                Resolved = resolved.ToData(),
            },
        };
    }

    /// <summary>A button press on a message the shell showed.</summary>
    public Interaction Button(ShellSession session, string customId, ulong messageId, bool ephemeral, ulong originalInteractionId, User originalUser)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Base(session, InteractionType.MessageComponent) with
        {
            Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
            Message = new MessageReference
            {
                Id = messageId,
                Flags = ephemeral ? (int)MessageFlags.Ephemeral : 0,
                InteractionMetadata = new MessageInteractionMetadata { Id = originalInteractionId, User = originalUser },
            },
        };
    }

    private Interaction Base(ShellSession session, InteractionType type) => new()
    {
        Id = NextId(),
        ApplicationId = ApplicationId,
        Type = type,
        GuildId = session.ServerId,
        ChannelId = ChannelId,
        Channel = new PartialChannel { Id = ChannelId, Type = 0, Name = "shell" },
        Member = new GuildMember { User = session.User, Nick = session.UserName, Permissions = session.Permissions },
        Token = "shell-" + Guid.NewGuid().ToString("N"),
        Version = 1,
        // The shell's member is alone in their server: one locale for the member and the server.
        Locale = session.Locale,
        GuildLocale = session.Locale,
        Context = (int)InteractionContextType.Guild,
        AppPermissions = ShellSession.MemberPermissions,
        AttachmentSizeLimit = 10 * 1024 * 1024,
    };

    private static InteractionOption Option(CommandOptionDefinition definition, string text, bool focused, Resolved resolved)
    {
        var option = focused
            // Discord sends the partial text of the focused option as a string, whatever its type.
            ? InteractionOption.String(definition.Name, text) with { Type = definition.Type }
            : definition.Type switch
            {
                ApplicationCommandOptionType.String => InteractionOption.String(definition.Name, text),
                ApplicationCommandOptionType.Integer => InteractionOption.Integer(definition.Name, ParseInteger(definition, text)),
                ApplicationCommandOptionType.Number => InteractionOption.Number(definition.Name, ParseNumber(definition, text)),
                ApplicationCommandOptionType.Boolean => InteractionOption.Boolean(definition.Name, ParseBoolean(definition, text)),
                ApplicationCommandOptionType.User => InteractionOption.Id(definition.Name, definition.Type, resolved.AddUser(text)),
                ApplicationCommandOptionType.Channel => InteractionOption.Id(definition.Name, definition.Type, resolved.AddChannel(text)),
                ApplicationCommandOptionType.Role => InteractionOption.Id(definition.Name, definition.Type, resolved.AddRole(text)),
                ApplicationCommandOptionType.Mentionable => InteractionOption.Id(definition.Name, definition.Type, resolved.AddUser(text)),
                ApplicationCommandOptionType.Attachment => InteractionOption.Id(definition.Name, definition.Type, resolved.AddAttachment(text)),
                _ => throw new ShellInputException(Text.Format(Strings.Shell_CannotType, definition.Type, ShellCommandParser.Shown(definition))),
            };
        return focused ? option with { Focused = true } : option;
    }

    private static long ParseInteger(CommandOptionDefinition definition, string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ShellInputException(Text.Format(Strings.Shell_WholeNumber, ShellCommandParser.Shown(definition), text));

    private static double ParseNumber(CommandOptionDefinition definition, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ShellInputException(Text.Format(Strings.Shell_Number, ShellCommandParser.Shown(definition), text));

    private static bool ParseBoolean(CommandOptionDefinition definition, string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" or "vrai" or "oui" => true,
        "false" or "no" or "off" or "0" or "faux" or "non" => false,
        _ => throw new ShellInputException(Text.Format(Strings.Shell_Boolean, ShellCommandParser.Shown(definition), text)),
    };

    /// <summary>The objects options refer to, as Discord puts them in <c>data.resolved</c>.</summary>
    private sealed class Resolved
    {
        private readonly Dictionary<string, User> _users = [];
        private readonly Dictionary<string, GuildMember> _members = [];
        private readonly Dictionary<string, PartialChannel> _channels = [];
        private readonly Dictionary<string, Role> _roles = [];
        private readonly Dictionary<string, Attachment> _attachments = [];

        /// <summary>A member typed by name (<c>alice</c> or <c>@alice</c>): the same id as <c>:user alice</c>.</summary>
        public ulong AddUser(string text)
        {
            var name = text.TrimStart('@');
            var user = ShellSession.UserOf(name);
            var key = Key(user.Id);
            _users[key] = user;
            _members[key] = new GuildMember { Nick = name, Permissions = ShellSession.MemberPermissions };
            return user.Id;
        }

        public ulong AddChannel(string text)
        {
            var name = text.TrimStart('#');
            var id = LocalIds.Other("channel", name);
            _channels[Key(id)] = new PartialChannel { Id = id, Type = 0, Name = name };
            return id;
        }

        public ulong AddRole(string text)
        {
            var name = text.TrimStart('@');
            var id = LocalIds.Other("role", name);
            _roles[Key(id)] = new Role { Id = id, Name = name };
            return id;
        }

        /// <summary>A local file given as an attachment: its absolute <c>file://</c> URL stands in for Discord's CDN.</summary>
        public ulong AddAttachment(string path)
        {
            var full = Path.GetFullPath(path);
            var file = new FileInfo(full);
            if (!file.Exists)
            {
                throw new ShellInputException(Text.Format(Strings.Shell_NoFile, full));
            }

            var id = LocalIds.Other("attachment", full + ":" + file.Length.ToString(CultureInfo.InvariantCulture));
            _attachments[Key(id)] = new Attachment
            {
                Id = id,
                Filename = file.Name,
                Size = file.Length,
                Url = new Uri(full).AbsoluteUri,
                ContentType = file.Extension.ToLowerInvariant() switch
                {
                    ".csv" => "text/csv; charset=utf-8",
                    ".json" => "application/json; charset=utf-8",
                    ".txt" => "text/plain; charset=utf-8",
                    _ => "application/octet-stream",
                },
            };
            return id;
        }

        public ResolvedData? ToData() =>
            _users.Count + _channels.Count + _roles.Count + _attachments.Count == 0
                ? null
                : new ResolvedData
                {
                    Users = _users.Count > 0 ? _users : null,
                    Members = _members.Count > 0 ? _members : null,
                    Channels = _channels.Count > 0 ? _channels : null,
                    Roles = _roles.Count > 0 ? _roles : null,
                    Attachments = _attachments.Count > 0 ? _attachments : null,
                };

        private static string Key(ulong id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
