using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Commands.Mod;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;

namespace Nexus.Bot.Commands.Cases;

/// <summary>
/// <c>/cases [type] [status] [centre]</c>: recent timelines in this server, newest first, anonymised as
/// "Case #123". Public, with Previous/Next buttons that only the member who asked may press.
/// </summary>
public static class CasesCommand
{
    /// <summary>The custom id prefix of the page buttons: <c>cases:page:&lt;page&gt;:&lt;asker&gt;:&lt;type&gt;:&lt;status&gt;:&lt;centre&gt;</c>.</summary>
    public const string PagePrefix = "cases:page";

    /// <summary>Cases per page: enough to compare, few enough to read on a phone.</summary>
    public const int PageSize = 6;

    /// <summary>What a member is told when pressing someone else's buttons.</summary>
    public const string NotYours = "These buttons belong to the member who ran /cases.";

    /// <summary>The command definition.</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("cases", "Recent NEXUS timelines in this server, anonymous unless shared")
        .Contexts(InteractionContextType.Guild)
        .String("type", "Only initial applications or only renewals", configure: o => o.Choices(CaseOptions.TypeChoices))
        .String("status", "Only applicants with this status", configure: o => o.Choices(CaseOptions.StatusChoices))
        .String("centre", "Only this enrolment centre: type a name, city, province or state", configure: o => o.Autocomplete<CentreAutocomplete>())
        .HandledBy<CasesHandler>()
        .Build();

    /// <summary>The page buttons; each carries the page it leads to, the asker and the filter, so a press needs no stored state.</summary>
    public static Component Buttons(int page, int pages, ulong askerId, CaseListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Component.ActionRow(
            Component.Button("Previous", CustomId(Math.Max(page - 1, 0), askerId, filter), disabled: page <= 0),
            Component.Button("Next", CustomId(page + 1, askerId, filter), disabled: page + 1 >= pages));
    }

    /// <summary>Reads a page button's state back; null when it is not one of ours.</summary>
    public static (int Page, ulong AskerId, CaseListFilter Filter)? ParseState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parts = state.Split(':');
        if (parts.Length != 5
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var asker))
        {
            return null;
        }

        ApplicationType? type = WireNames.TryParseType(parts[2], out var t) ? t : null;
        ApplicantStatus? status = WireNames.TryParseStatus(parts[3], out var s) ? s : null;
        return (page, asker, new CaseListFilter(type, status, parts[4].Length == 0 ? null : parts[4]));
    }

    private static string CustomId(int page, ulong askerId, CaseListFilter filter) =>
        string.Create(CultureInfo.InvariantCulture, $"{PagePrefix}:{page}:{askerId}:{filter.Type?.Name()}:{filter.Status?.Name()}:{filter.CentreCode}");
}

/// <summary>Lists one page of the server's cases; shared by the command and its page buttons.</summary>
public sealed class CaseListView(ICaseListing listing, ModeratorGate moderators, EnrolmentCentres centres, TimeProvider time)
{
    /// <summary>The message showing page <paramref name="page"/> (clamped to the last page), its buttons bound to the member who asked.</summary>
    public async Task<InteractionMessage> RenderAsync(IInteractionInfo context, ulong guildId, CaseListFilter filter, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Moderators (by the same rule as /mod) see which listed cases are excluded from statistics;
        // members see every case alike, as the listing contract says.
        var moderator = (await moderators.AuthorizeAsync(context, cancellationToken)).IsSuccess;
        var listed = await listing.ListRecentAsync(guildId, filter, page * CasesCommand.PageSize, CasesCommand.PageSize, cancellationToken);
        var pages = Math.Max(1, (listed.Total + CasesCommand.PageSize - 1) / CasesCommand.PageSize);
        if (page >= pages && listed.Total > 0)
        {
            // Cases were removed since the buttons were drawn: show the last page that still exists.
            page = pages - 1;
            listed = await listing.ListRecentAsync(guildId, filter, page * CasesCommand.PageSize, CasesCommand.PageSize, cancellationToken);
        }

        var today = time.Today();
        return InteractionMessage.WithEmbeds(
            [CasesEmbed.Build(listed, filter, page, pages, today, moderator, centres)],
            [CasesCommand.Buttons(page, pages, context.UserId, filter)]);
    }
}

/// <summary>Answers <c>/cases</c> with the first page.</summary>
public sealed class CasesHandler(CaseListView view, EnrolmentCentres centres) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return InteractionResult.Failure(guild.Error!.Message);
        }

        var filter = new CaseListFilter(CaseOptions.Type(context.Options), CaseOptions.Status(context.Options), CaseOptions.Centre(context.Options, centres));
        return InteractionResult.Reply(await view.RenderAsync(context, guild.Value, filter, 0, cancellationToken));
    }
}

/// <summary>The Previous/Next buttons of <c>/cases</c>: turn the page for the member who asked, and only for them.</summary>
public sealed class CasesPageHandler(CaseListView view) : IComponentHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(IComponentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = CasesCommand.ParseState(context.State);
        var asker = context.OriginalUserId ?? state?.AskerId;
        if (state is not { } parsed || asker != context.UserId)
        {
            return InteractionResult.Failure(CasesCommand.NotYours);
        }

        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return InteractionResult.Failure(guild.Error!.Message);
        }

        return InteractionResult.UpdateMessage(await view.RenderAsync(context, guild.Value, parsed.Filter, parsed.Page, cancellationToken));
    }
}
