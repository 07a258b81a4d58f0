using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Nexus.Bot.Localization;
using Nexus.Bot.Attachments;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Rest;
using Nexus.Domain.Statistics;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;

namespace Nexus.Bot.Commands.Mod;

/// <summary><c>/mod review [page]</c>: a page of the review queue.</summary>
public sealed class ModReviewHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var page = await moderation.ReviewAsync(moderator, (int)context.Options.GetInteger("page", 1), cancellationToken);
            return InteractionResult.Reply(ModMessages.Review(page, context.UserId));
        },
        cancellationToken,
        defer: true);
}

/// <summary><c>/mod exclude case [stage] reason</c>: the whole case, or one stage's wait of it.</summary>
public sealed class ModExcludeHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var number = context.Options.GetInteger("case")!.Value;
            var stages = ModModule.StageOption(context.Options);
            var result = await moderation.ExcludeAsync(moderator, number, stages, context.Options.GetString("reason"), cancellationToken);
            return result.IsSuccess ? ModMessages.Text(ModMessages.Excluded(number, stages, result.Value.Id)) : ModMessages.Failure(result.Error);
        },
        cancellationToken);
}

/// <summary><c>/mod include case [stage]</c>.</summary>
public sealed class ModIncludeHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var number = context.Options.GetInteger("case")!.Value;
            var stages = ModModule.StageOption(context.Options);
            var result = await moderation.IncludeAsync(moderator, number, stages, null, cancellationToken);
            return result.IsSuccess ? ModMessages.Text(ModMessages.Included(number, stages, result.Value.Id)) : ModMessages.Failure(result.Error);
        },
        cancellationToken);
}

/// <summary><c>/mod case case</c>: one case with its timeline, flags, exclusions and history, and the actions that apply.</summary>
public sealed class ModCaseHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var review = await moderation.GetCaseAsync(moderator, context.Options.GetInteger("case")!.Value, cancellationToken);
            return review.IsSuccess ? InteractionResult.Reply(ModMessages.CaseView(review.Value, context.UserId)) : ModMessages.Failure(review.Error);
        },
        cancellationToken);
}

/// <summary><c>/mod remove case|user reason</c>: asks for confirmation with a button first.</summary>
public sealed class ModRemoveHandler(ModeratorGate gate, ModerationService moderation, PendingRemovals pending) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var number = context.Options.GetInteger("case");
            var user = context.Options.GetUser("user");
            var reason = context.Options.GetString("reason")?.Trim();
            if (number is null && user is null)
            {
                return InteractionResult.Failure(Strings.Mod_RemoveWhich);
            }

            if (number is not null && user is not null)
            {
                return InteractionResult.Failure(Strings.Mod_RemoveNotBoth);
            }

            if (string.IsNullOrEmpty(reason))
            {
                var which = number is { } given ? string.Create(CultureInfo.InvariantCulture, $"case:{given}") : "user:@name";
                return InteractionResult.Failure(Localization.Text.Format(Strings.Mod_RemoveReason, which));
            }

            var found = number is { } n
                ? await moderation.FindCaseAsync(moderator, n, cancellationToken)
                : await moderation.FindMemberCaseAsync(moderator, user!.Id, cancellationToken);
            if (!found.IsSuccess)
            {
                return ModMessages.Failure(found.Error);
            }

            return InteractionResult.Reply(ModMessages.RemoveConfirmation(found.Value, reason, pending.Add(moderator.GuildId, context.UserId, found.Value.CaseNumber, reason), context.UserId));
        },
        cancellationToken);
}

/// <summary><c>/mod prune rule [dry-run]</c>: previews, with a Confirm button unless it is a dry run.</summary>
public sealed class ModPruneHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            if (!PruneRules.TryParse(context.Options.GetString("rule"), out var rule))
            {
                return InteractionResult.Failure(Strings.Mod_BadRule);
            }

            var preview = await moderation.PreviewPruneAsync(moderator, rule, cancellationToken);
            return InteractionResult.Reply(ModMessages.Preview(preview, context.UserId, context.Options.GetBoolean("dry-run", false)));
        },
        cancellationToken,
        defer: true);
}

/// <summary><c>/mod undo [action]</c>.</summary>
public sealed class ModUndoHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var result = await moderation.UndoAsync(moderator, context.Options.GetInteger("action"), cancellationToken);
            if (!result.IsSuccess)
            {
                return ModMessages.Failure(result.Error);
            }

            var target = result.Value.Target;
            return ModMessages.Text(Localization.Text.Format(Strings.Mod_Undid, target.Id, Names.Of(target.Action), Words.Count(target.Cases.Count, Strings.Count_Case_One, Strings.Count_Case_Other), result.Value.UndoActionId));
        },
        cancellationToken);
}

/// <summary><c>/mod log [page]</c>.</summary>
public sealed class ModLogHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var page = await moderation.GetLogAsync(moderator, (int)context.Options.GetInteger("page", 1), cancellationToken);
            return InteractionResult.Reply(ModMessages.Log(page, context.UserId));
        },
        cancellationToken);
}

/// <summary><c>/mod export</c>: the anonymised CSV as a file attachment.</summary>
public sealed class ModExportHandler(ModeratorGate gate, ModerationService moderation) : ICommandHandler
{
    /// <summary>Discord's upload limit for bots when the interaction doesn't say (10 MiB).</summary>
    public const long DefaultUploadLimit = 10 * 1024 * 1024;

    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            await using var text = new StringWriter(CultureInfo.InvariantCulture);
            await moderation.ExportAsync(moderator, text, cancellationToken);
            // Named after the server's date, the day its status column was judged on.
            var today = await moderation.TodayAsync(moderator.GuildId, cancellationToken);
            var name = string.Create(CultureInfo.InvariantCulture, $"nexus-cases-{today:yyyy-MM-dd}.csv");
            var bytes = new UTF8Encoding(false).GetBytes(text.ToString());

            // Discord tells each interaction how large an upload may be (10 MB for most servers).
            var limit = context.Interaction.AttachmentSizeLimit ?? DefaultUploadLimit;
            if (bytes.Length > limit)
            {
                return InteractionResult.Failure(Localization.Text.Format(Strings.Mod_ExportTooLarge, bytes.Length / 1048576.0, limit / 1048576.0));
            }

            return InteractionResult.Reply(new InteractionMessage
            {
                Content = Strings.Mod_Exported,
                File = new FileUpload(name, bytes, "text/csv"),
                Ephemeral = true,
            });
        },
        cancellationToken,
        defer: true);
}

/// <summary>
/// <c>/mod import file [mode]</c>: validates or applies a CSV attachment. Registered as slow: the reply is
/// deferred, edited with progress while a long file is read and saved, and replaced by the report.
/// </summary>
public sealed class ModImportHandler(ModeratorGate gate, ModerationService moderation, IAttachmentReader attachments) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var attachment = context.Options.GetAttachment("file");
            if (attachment is null)
            {
                return InteractionResult.Failure(Strings.Mod_AttachCsv);
            }

            var mode = context.Options.GetString("mode", "validate") == "apply" ? ImportMode.Apply : ImportMode.Validate;
            var bytes = await attachments.ReadAsync(attachment, CaseCsv.MaxBytes, cancellationToken);
            if (!bytes.IsSuccess)
            {
                return ModMessages.Failure(bytes.Error);
            }

            // Progress arrives synchronously from the import; only the latest matters, so a one-slot channel
            // hands it to a loop that edits the reply, and the loop is awaited before the final answer.
            var updates = Channel.CreateBounded<ImportProgress>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
            var editing = EditProgressAsync(context, updates.Reader, cancellationToken);
            var reason = string.Create(CultureInfo.InvariantCulture, $"file {attachment.Filename}");
            Domain.Common.Result<ImportReport> result;
            try
            {
                await using var stream = new MemoryStream(bytes.Value, writable: false);
                result = await moderation.ImportAsync(moderator, stream, mode, reason, new ChannelProgress(updates.Writer), cancellationToken);
            }
            finally
            {
                updates.Writer.TryComplete();
                await editing;
            }

            return result.IsSuccess ? InteractionResult.Reply(ModMessages.Import(result.Value)) : ModMessages.Failure(result.Error);
        },
        cancellationToken,
        defer: true);

    private static async Task EditProgressAsync(IInteractionContext context, ChannelReader<ImportProgress> updates, CancellationToken cancellationToken)
    {
        await foreach (var progress in updates.ReadAllAsync(cancellationToken))
        {
            await context.ReplyAsync(ModMessages.Progress(progress), cancellationToken);
        }
    }

    private sealed class ChannelProgress(ChannelWriter<ImportProgress> writer) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => writer.TryWrite(value);
    }
}
