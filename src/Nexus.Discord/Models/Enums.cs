namespace Nexus.Discord.Models;

/// <summary>Interaction types Nexus handles.</summary>
public enum InteractionType
{
    /// <summary>Discord checking the HTTP endpoint; answered with PONG.</summary>
    Ping = 1,

    /// <summary>A slash command.</summary>
    ApplicationCommand = 2,

    /// <summary>A button or select.</summary>
    MessageComponent = 3,

    /// <summary>Autocomplete for a focused option.</summary>
    ApplicationCommandAutocomplete = 4,

    /// <summary>A submitted modal.</summary>
    ModalSubmit = 5,
}

/// <summary>Interaction callback (response) types.</summary>
public enum InteractionCallbackType
{
    /// <summary>Answer to a PING.</summary>
    Pong = 1,

    /// <summary>Reply with a message now.</summary>
    ChannelMessageWithSource = 4,

    /// <summary>Acknowledge; the user sees "thinking…"; edit the original later.</summary>
    DeferredChannelMessageWithSource = 5,

    /// <summary>Components only: acknowledge without a loading state; edit the message later.</summary>
    DeferredUpdateMessage = 6,

    /// <summary>Components only: edit the message the component is on.</summary>
    UpdateMessage = 7,

    /// <summary>Autocomplete choices.</summary>
    ApplicationCommandAutocompleteResult = 8,

    /// <summary>Open a modal.</summary>
    Modal = 9,
}

/// <summary>Application command option types.</summary>
public enum ApplicationCommandOptionType
{
    /// <summary>A subcommand.</summary>
    SubCommand = 1,

    /// <summary>A group of subcommands.</summary>
    SubCommandGroup = 2,

    /// <summary>Text.</summary>
    String = 3,

    /// <summary>An integer in ±(2^53−1).</summary>
    Integer = 4,

    /// <summary>A boolean.</summary>
    Boolean = 5,

    /// <summary>A user id (resolved in <c>resolved.users</c>).</summary>
    User = 6,

    /// <summary>A channel id.</summary>
    Channel = 7,

    /// <summary>A role id.</summary>
    Role = 8,

    /// <summary>A user or role id.</summary>
    Mentionable = 9,

    /// <summary>A double.</summary>
    Number = 10,

    /// <summary>An attachment id (resolved in <c>resolved.attachments</c>).</summary>
    Attachment = 11,
}

/// <summary>Message component types Nexus sends or receives.</summary>
public enum ComponentType
{
    /// <summary>A row of up to 5 buttons or one select.</summary>
    ActionRow = 1,

    /// <summary>A button.</summary>
    Button = 2,

    /// <summary>A select menu of strings.</summary>
    StringSelect = 3,

    /// <summary>A text input (modals).</summary>
    TextInput = 4,

    /// <summary>A user select.</summary>
    UserSelect = 5,

    /// <summary>A role select.</summary>
    RoleSelect = 6,

    /// <summary>A user-or-role select.</summary>
    MentionableSelect = 7,

    /// <summary>A channel select.</summary>
    ChannelSelect = 8,

    /// <summary>A label wrapping one modal input.</summary>
    Label = 18,
}

/// <summary>Button styles.</summary>
public enum ButtonStyle
{
    /// <summary>Blurple.</summary>
    Primary = 1,

    /// <summary>Grey.</summary>
    Secondary = 2,

    /// <summary>Green.</summary>
    Success = 3,

    /// <summary>Red.</summary>
    Danger = 4,

    /// <summary>A link; needs a URL and sends no interaction.</summary>
    Link = 5,
}

/// <summary>Message flags Nexus sets.</summary>
[Flags]
public enum MessageFlags
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>No link previews.</summary>
    SuppressEmbeds = 1 << 2,

    /// <summary>Only the invoking user sees the message. Fixed by the first response or defer.</summary>
    Ephemeral = 1 << 6,
}

/// <summary>Where a command may be used (<c>contexts</c> of a command, <c>context</c> of an interaction).</summary>
public enum InteractionContextType
{
    /// <summary>In a server.</summary>
    Guild = 0,

    /// <summary>In the DM with the bot.</summary>
    BotDm = 1,

    /// <summary>Group DMs and DMs not with the bot (only with user installs).</summary>
    PrivateChannel = 2,
}

/// <summary>How an app is installed (<c>integration_types</c> of a command).</summary>
public enum ApplicationIntegrationType
{
    /// <summary>Installed to a server.</summary>
    GuildInstall = 0,

    /// <summary>Installed to a user.</summary>
    UserInstall = 1,
}
