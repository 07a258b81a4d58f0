using Nexus.Domain.Common;

namespace Nexus.Bot.Shell;

/// <summary>
/// The clock of the shell and of <c>stats --json --today</c>: the real time until a day is fixed with
/// <c>:today</c>, then noon UTC of that day, so "today" is the same calendar date everywhere in the Americas
/// and output is repeatable. Timers and timestamps stay real (the dispatcher's timeouts still work).
/// </summary>
internal sealed class ShellClock : TimeProvider
{
    private DateOnly? _today;

    /// <summary>The fixed day, or null when the clock follows the real time.</summary>
    public DateOnly? FixedDay => _today;

    /// <summary>Fixes "today" (or lets the clock follow the real time again with null).</summary>
    public void SetToday(DateOnly? day) => _today = day;

    /// <summary>Today's date as the domain sees it (UTC).</summary>
    public DateOnly Today => GetUtcNow().UtcDay();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() =>
        _today is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : base.GetUtcNow();
}
