using System.Collections;

namespace Nexus.Domain.Statistics;

/// <summary>
/// A set of <see cref="Stage"/> values as one small bit mask (bit <c>(int)stage</c>): what a case's stage
/// exclusions are stored as (<c>cases.excluded_stages</c>), what the statistics skip per case, and what an
/// audit-log entry records per case.
/// </summary>
/// <param name="Bits">The mask; bit <c>(int)stage</c> set means the stage is in the set.</param>
public readonly record struct StageSet(int Bits) : IEnumerable<Stage>
{
    /// <summary>Every bit a stage can use.</summary>
    public const int AllBits = (1 << 5) - 1;

    /// <summary>The empty set.</summary>
    public static StageSet None => default;

    /// <summary>True when no stage is in the set.</summary>
    public bool IsEmpty => Bits == 0;

    /// <summary>How many stages are in the set.</summary>
    public int Count => System.Numerics.BitOperations.PopCount((uint)Bits);

    /// <summary>The set holding only <paramref name="stage"/>.</summary>
    public static StageSet Of(Stage stage) => new(1 << (int)stage);

    /// <summary>The set of <paramref name="stages"/>.</summary>
    public static StageSet Of(IEnumerable<Stage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var bits = 0;
        foreach (var stage in stages)
        {
            bits |= 1 << (int)stage;
        }

        return new(bits);
    }

    /// <summary>True when <paramref name="stage"/> is in the set.</summary>
    public bool Contains(Stage stage) => (Bits & (1 << (int)stage)) != 0;

    /// <summary>True when every stage of <paramref name="other"/> is in this set.</summary>
    public bool ContainsAll(StageSet other) => (Bits & other.Bits) == other.Bits;

    /// <summary>True when the two sets share a stage.</summary>
    public bool Overlaps(StageSet other) => (Bits & other.Bits) != 0;

    /// <summary>This set with <paramref name="other"/>'s stages added.</summary>
    public StageSet With(StageSet other) => new(Bits | other.Bits);

    /// <summary>This set without <paramref name="other"/>'s stages.</summary>
    public StageSet Without(StageSet other) => new(Bits & ~other.Bits);

    /// <summary>The stages' display names joined for a sentence, e.g. "Interview → approved and Approved → card received".</summary>
    public string Display() => Join([.. this.Select(s => s.Display())]);

    /// <summary>The stages' wire names separated by spaces, e.g. <c>interview-approved approved-card</c> (the CSV form).</summary>
    public string Names() => string.Join(' ', this.Select(s => s.Name()));

    /// <summary>Reads wire names separated by spaces, commas or semicolons; false on an unknown name.</summary>
    public static bool TryParseNames(string? text, out StageSet set)
    {
        set = None;
        foreach (var part in (text ?? string.Empty).Split([' ', ',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!StageNames.TryParse(part, out var stage))
            {
                return false;
            }

            set = set.With(Of(stage));
        }

        return true;
    }

    /// <inheritdoc />
    public IEnumerator<Stage> GetEnumerator()
    {
        foreach (var stage in StageNames.All)
        {
            if (Contains(stage))
            {
                yield return stage;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Join(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => string.Empty,
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };
}
