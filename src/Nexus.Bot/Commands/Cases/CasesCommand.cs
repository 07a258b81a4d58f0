using Nexus.Bot.Localization;
using System.Globalization;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Commands.Mod;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Domain.Settings;

namespace Nexus.Bot.Commands.Cases;

/// <summary>
/// <c>/cases [type] [status] [centre] [period] [state] [applied] [page]</c>: the server's cases, one line each,
/// the latest milestone first, anonymised as "#123". Public, with First/Previous/Next/Last buttons that only
/// the member who asked may press.
/// </summary>
public static class CasesCommand
{
    /// <summary>The custom id prefix of the page buttons (see <see cref="CasesQuery.Encode"/> for the rest).</summary>
    public const string PagePrefix = "cases:page";

    /// <summary>Cases per page: enough to compare, few enough to read on a phone.</summary>
    public const int PageSize = 6;

    /// <summary>What a member is told when pressing someone else's buttons.</summary>
    public static string NotYours => Strings.Cases_NotYours;

    /// <summary>The state choices.</summary>
    public static IReadOnlyList<(string Value, string Name, CaseListState State)> States { get; } =
    [
        ("waiting", "Still waiting", CaseListState.Waiting),
        ("finished", "Finished: card received or denied", CaseListState.Finished),
        ("moved", "Moved: a milestone in the last 7 days", CaseListState.Moved),
    ];

    /// <summary>The command definition: the same filters as <c>/stats</c>, then the listing's own.</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("cases", "This server's NEXUS timelines, one line each, anonymous unless shared")
        .Contexts(InteractionContextType.Guild)
        .AddFilterOptions("Only initial applications or only renewals", "Only cases that applied in this period (default: all)")
        .String("state", "Only cases still waiting, finished, or moved this week", configure: o => o.Choices(States.Select(s => (s.Value, s.Name))))
        .String("applied", "Only cases that applied in this month, like 2026-06 or June 2026", configure: o => o.Length(1, 20))
        .Integer("page", "Open this page", configure: o => o.Range(1, 100_000))
        .HandledBy<CasesHandler>()
        .Build();

    /// <summary>
    /// The page buttons: First, Previous, Next and Last. Each carries its page, the asker and the query, so a
    /// press needs no stored state; a letter per button keeps their ids distinct when two lead to one page.
    /// </summary>
    public static Component Buttons(int page, int pages, ulong askerId, CasesQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var last = Math.Max(pages - 1, 0);
        return Component.ActionRow(
            Component.Button(Strings.Cases_First, CustomId('f', 0, askerId, query), disabled: page <= 0),
            Component.Button(Strings.Cases_Previous, CustomId('p', Math.Max(page - 1, 0), askerId, query), disabled: page <= 0),
            Component.Button(Strings.Cases_Next, CustomId('n', Math.Min(page + 1, last), askerId, query), disabled: page >= last),
            Component.Button(Strings.Cases_Last, CustomId('l', last, askerId, query), disabled: page >= last));
    }

    /// <summary>Reads a page button's state back; null when it is not one of ours.</summary>
    public static (int Page, ulong AskerId, CasesQuery Query)? ParseState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parts = state.Split(':', 3);
        if (parts.Length != 3
            || parts[0].Length < 2
            || !int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var asker)
            || CasesQuery.Decode(parts[2]) is not { } query)
        {
            return null;
        }

        return (page, asker, query);
    }

    private static string CustomId(char button, int page, ulong askerId, CasesQuery query) =>
        string.Create(CultureInfo.InvariantCulture, $"{PagePrefix}:{button}{page}:{askerId}:{query.Encode()}");
}

/// <summary>What a member asked <c>/cases</c> for, as typed (a period stays "6m"), so a button pressed tomorrow means the same.</summary>
/// <param name="Type">Only this application type.</param>
/// <param name="Status">Only this applicant status.</param>
/// <param name="CentreCode">Only this centre.</param>
/// <param name="Period">A period's wire value (<c>6m</c>, <c>12m</c>, <c>24m</c>, <c>all</c>).</param>
/// <param name="State">Waiting, finished or moved.</param>
/// <param name="Applied">An application month.</param>
public sealed record CasesQuery(
    ApplicationType? Type = null,
    ApplicantStatus? Status = null,
    string? CentreCode = null,
    string? Period = null,
    CaseListState State = CaseListState.Any,
    (int Year, int Month)? Applied = null)
{
    /// <summary>Reads the options; a bad month is refused with how to write it.</summary>
    public static CasesQuery From(CommandOptions options, EnrolmentCentres centres, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stateText = options.GetString("state");
        var state = stateText is null ? CaseListState.Any
            : CasesCommand.States.FirstOrDefault(s => string.Equals(s.Value, stateText, StringComparison.OrdinalIgnoreCase)) is { Value: not null } found ? found.State
            : throw new InvalidOptionValueException(Text.Format(Strings.Cases_BadState, MessageText.Quote(stateText)));
        return new CasesQuery(
            CaseOptions.Type(options),
            CaseOptions.Status(options),
            CaseOptions.Centre(options, centres),
            FilterOptions.Period(options),
            state,
            options.GetString("applied") is { } month ? Month(month, today) : null);
    }

    /// <summary>The listing filter as of <paramref name="today"/> (in the server's time zone).</summary>
    public CaseListFilter Resolve(DateOnly today)
    {
        var since = FilterOptions.Since(Period, today);
        DateOnly? until = null;
        if (Applied is { } month)
        {
            var first = new DateOnly(month.Year, month.Month, 1);
            since = since is { } periodStart && periodStart > first ? periodStart : first;
            until = first.AddMonths(1).AddDays(-1);
        }

        return new CaseListFilter(Type, Status, CentreCode, since, until, State, today);
    }

    /// <summary>The query in a button's custom id: <c>&lt;type&gt;&lt;status&gt;&lt;state&gt;:&lt;period&gt;:&lt;yyyy-MM&gt;:&lt;centre&gt;</c>, with <c>-</c> for "any".</summary>
    public string Encode() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Type is { } t ? (t == ApplicationType.Initial ? 'i' : 'r') : '-')}{(Status is { } s ? (char)('0' + (int)s) : '-')}{(char)('0' + (int)State)}:{Period}:{(Applied is { } m ? $"{m.Year:D4}-{m.Month:D2}" : "")}:{CentreCode}");

    /// <summary>Reads <see cref="Encode"/> back; null when malformed.</summary>
    public static CasesQuery? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 4 || parts[0].Length != 3)
        {
            return null;
        }

        var flags = parts[0];
        ApplicationType? type = flags[0] switch { 'i' => ApplicationType.Initial, 'r' => ApplicationType.Renewal, _ => null };
        ApplicantStatus? status = flags[1] is >= '0' and <= '4' ? (ApplicantStatus)(flags[1] - '0') : null;
        var state = flags[2] is >= '0' and <= '3' ? (CaseListState)(flags[2] - '0') : CaseListState.Any;
        var period = FilterOptions.Periods.Any(p => p.Value == parts[1]) ? parts[1] : null;
        var applied = parts[2].Length == 7
            && int.TryParse(parts[2].AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[2].AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12 && year >= CaseRules.EarliestDate.Year
                ? (year, month)
                : ((int, int)?)null;
        return new CasesQuery(type, status, parts[3].Length == 0 ? null : parts[3], period, state, applied);
    }

    private static (int, int) Month(string text, DateOnly today)
    {
        var trimmed = text.Trim();
        if (DateInput.TryParseMonth(trimmed, out var year, out var month))
        {
            var first = new DateOnly(year, month, 1);
            if (first < new DateOnly(CaseRules.EarliestDate.Year, CaseRules.EarliestDate.Month, 1) || first > today)
            {
                throw new InvalidOptionValueException(Text.Format(Strings.Cases_MonthOutside, MessageText.Quote(trimmed), CaseRules.EarliestDate.ToString("yyyy-MM", CultureInfo.InvariantCulture), today.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
            }

            return (year, month);
        }

        throw new InvalidOptionValueException(Text.Format(Strings.Cases_BadMonth, MessageText.Quote(trimmed)));
    }
}

/// <summary>Lists one page of the server's cases; shared by the command and its page buttons.</summary>
public sealed class CaseListView(ICaseListing listing, ModeratorGate moderators, EnrolmentCentres centres, ServerCalendar calendar)
{
    /// <summary>Today in the server's time zone.</summary>
    public ValueTask<DateOnly> TodayAsync(ulong guildId, CancellationToken cancellationToken) => calendar.TodayAsync(guildId, cancellationToken);

    /// <summary>The message showing page <paramref name="page"/> (clamped to the last page), its buttons bound to the member who asked.</summary>
    public async Task<InteractionMessage> RenderAsync(IInteractionInfo context, ulong guildId, CasesQuery query, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        // Moderators (by the same rule as /mod) see which listed cases are excluded from statistics;
        // members see every case alike, as the listing contract says.
        var moderator = (await moderators.AuthorizeAsync(context, cancellationToken)).IsSuccess;
        var today = await TodayAsync(guildId, cancellationToken);
        var filter = query.Resolve(today);
        page = Math.Max(page, 0);
        var listed = await listing.ListRecentAsync(guildId, filter, page * CasesCommand.PageSize, CasesCommand.PageSize, cancellationToken);
        var pages = Math.Max(1, (listed.Total + CasesCommand.PageSize - 1) / CasesCommand.PageSize);
        if (page >= pages && listed.Total > 0)
        {
            // A page past the end (typed, or cases removed since the buttons were drawn): show the last one.
            page = pages - 1;
            listed = await listing.ListRecentAsync(guildId, filter, page * CasesCommand.PageSize, CasesCommand.PageSize, cancellationToken);
        }

        return InteractionMessage.WithEmbeds(
            [CasesEmbed.Build(listed, query, page, pages, today, moderator, centres)],
            [CasesCommand.Buttons(page, pages, context.UserId, query)]);
    }
}

/// <summary>Answers <c>/cases</c> with the first page, or the page asked for.</summary>
public sealed class CasesHandler(CaseListView view, EnrolmentCentres centres) : ICommandHandler
{
    /// <inheritdoc />
    public async Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guild = CaseOptions.Guild(context);
        if (!guild.IsSuccess)
        {
            return InteractionResult.Failure(Text.Error(guild.Error!));
        }

        var query = CasesQuery.From(context.Options, centres, await view.TodayAsync(guild.Value, cancellationToken));
        var page = (int)context.Options.GetInteger("page", 1) - 1;

        // The listing is public: it speaks the server's language (guild_locale), as /stats does.
        using var server = Languages.Use(Languages.Server);
        return InteractionResult.Reply(await view.RenderAsync(context, guild.Value, query, page, cancellationToken));
    }
}

/// <summary>The page buttons of <c>/cases</c>: turn the page for the member who asked, and only for them.</summary>
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
            return InteractionResult.Failure(Text.Error(guild.Error!));
        }

        using var server = Languages.Use(Languages.Server);
        return InteractionResult.UpdateMessage(await view.RenderAsync(context, guild.Value, parsed.Query, parsed.Page, cancellationToken));
    }
}
