namespace Nexus.Domain.Moderation;

/// <summary>Counts saves in a sliding window; storage streams a case's change instants through it.</summary>
public static class EditBursts
{
    /// <summary>The most distinct instants of <paramref name="sortedInstants"/> (ascending) within any span of <paramref name="window"/>.</summary>
    public static int MostWithin(IReadOnlyList<DateTimeOffset> sortedInstants, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(sortedInstants);

        // One save writes several history rows with the same instant; a burst counts saves, not rows.
        var distinct = new List<DateTimeOffset>(sortedInstants.Count);
        foreach (var instant in sortedInstants)
        {
            if (distinct.Count == 0 || distinct[^1] != instant)
            {
                distinct.Add(instant);
            }
        }

        var best = 0;
        var start = 0;
        for (var end = 0; end < distinct.Count; end++)
        {
            while (distinct[end] - distinct[start] >= window)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return best;
    }
}
