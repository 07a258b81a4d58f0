namespace Nexus.Domain.Statistics;

/// <summary>
/// Per-day tallies of finished and censored waits for one curve: the counting that lets Kaplan–Meier run
/// without a comparison sort. Grows by doubling, so adding n waits is amortised O(n).
/// </summary>
internal sealed class DayCounts
{
    private int[] _events = new int[64];
    private int[] _censored = new int[64];
    private int _length;

    public void Add(int days, bool finished)
    {
        if (days >= _events.Length)
        {
            var size = _events.Length;
            while (size <= days)
            {
                size *= 2;
            }

            Array.Resize(ref _events, size);
            Array.Resize(ref _censored, size);
        }

        if (finished)
        {
            _events[days]++;
        }
        else
        {
            _censored[days]++;
        }

        _length = Math.Max(_length, days + 1);
    }

    public KaplanMeierCurve ToCurve() => KaplanMeierCurve.FromCounts(_events.AsSpan(0, _length), _censored.AsSpan(0, _length));
}
