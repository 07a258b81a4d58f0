using Nexus.Discord.Models;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Dispatch;

/// <summary>A message the bot sends. Mentions never ping: every message carries <c>allowed_mentions: {parse: []}</c>.</summary>
public sealed record InteractionMessage
{
    /// <summary>Text, at most 2000 characters.</summary>
    public string? Content { get; init; }

    /// <summary>At most 10 embeds.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Action rows.</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>Only the invoking member sees it. Fixed by the first reply or defer of the interaction.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>
    /// A file sent with the message (multipart); an embed may show it with <see cref="EmbedImage.Attachment"/>.
    /// After a component's deferred update it comes as a message of its own under the component's message.
    /// </summary>
    public FileUpload? File { get; init; }

    /// <summary>A text message.</summary>
    public static InteractionMessage Text(string content, bool ephemeral = false) => new() { Content = content, Ephemeral = ephemeral };

    /// <summary>A message with embeds and optional components.</summary>
    public static InteractionMessage WithEmbeds(IReadOnlyList<Embed> embeds, IReadOnlyList<Component>? components = null, bool ephemeral = false) =>
        new() { Embeds = embeds, Components = components, Ephemeral = ephemeral };
}

/// <summary>What a handler wants sent once it is done. Build with the static factories.</summary>
public abstract record InteractionResult
{
    private protected InteractionResult()
    {
    }

    /// <summary>The handler already replied through its context; nothing more to send.</summary>
    public static InteractionResult Handled { get; } = new HandledResult();

    /// <summary>Reply with a message (or, if already acknowledged, replace the original with it).</summary>
    public static InteractionResult Reply(InteractionMessage message) => new ReplyResult(message ?? throw new ArgumentNullException(nameof(message)));

    /// <summary>Reply with text.</summary>
    public static InteractionResult Reply(string content, bool ephemeral = false) => Reply(InteractionMessage.Text(content, ephemeral));

    /// <summary>Components: edit the message the component is on.</summary>
    public static InteractionResult UpdateMessage(InteractionMessage message) => new UpdateMessageResult(message ?? throw new ArgumentNullException(nameof(message)));

    /// <summary>Open a modal (only as the first response, and never to a modal submit).</summary>
    public static InteractionResult Modal(string customId, string title, IReadOnlyList<Component> components) => new ModalResult(customId, title, components);

    /// <summary>An expected failure (bad input, a broken rule, no permission): <paramref name="message"/> is shown ephemerally.</summary>
    public static InteractionResult Failure(string message) => new FailureResult(message);
}

/// <summary>See <see cref="InteractionResult.Handled"/>.</summary>
public sealed record HandledResult : InteractionResult;

/// <summary>See <see cref="InteractionResult.Reply(InteractionMessage)"/>.</summary>
/// <param name="Message">The reply.</param>
public sealed record ReplyResult(InteractionMessage Message) : InteractionResult;

/// <summary>See <see cref="InteractionResult.UpdateMessage"/>.</summary>
/// <param name="Message">The new content of the component's message.</param>
public sealed record UpdateMessageResult(InteractionMessage Message) : InteractionResult;

/// <summary>See <see cref="InteractionResult.Modal"/>.</summary>
/// <param name="CustomId">The modal's custom id, 1–100 characters.</param>
/// <param name="Title">At most 45 characters.</param>
/// <param name="Components">1–5 labels.</param>
public sealed record ModalResult(string CustomId, string Title, IReadOnlyList<Component> Components) : InteractionResult;

/// <summary>See <see cref="InteractionResult.Failure"/>.</summary>
/// <param name="Message">One sentence for the member: what was wrong and how to write it.</param>
public sealed record FailureResult(string Message) : InteractionResult;
