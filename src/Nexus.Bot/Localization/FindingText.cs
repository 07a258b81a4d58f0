using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Localization;

/// <summary>
/// What a moderator reads about a review finding, in the current language: e.g. "Approved 3 weeks after the
/// interview; most here are approved the same day". The domain hands over the facts; each stage has its own
/// sentences (resources <c>Review_&lt;kind&gt;_&lt;stage&gt;</c>), as "approved" and "interviewed" agree differently in French.
/// </summary>
public static class FindingText
{
    /// <summary>The sentence for <paramref name="finding"/>.</summary>
    public static string Of(ReviewFinding finding) => finding switch
    {
        BrokenRuleFinding f => Text.Error(f.Rule),
        NegativeWaitFinding f => Text.Format(OfStage("Review_Before", f.Wait), Words.Count(f.DaysBefore, Strings.Count_Day_One, Strings.Count_Day_Other)),
        OverlongWaitFinding f => Text.Format(OfStage("Review_TooLong", f.Wait), Words.Wait(f.Days), Words.Count(f.MaxYears, Strings.Count_Year_One, Strings.Count_Year_Other)),
        OutlierWaitFinding { TypicalDays: 0 } f => Text.Format(OfStage("Review_OutlierSameDay", f.Wait), Words.Wait(f.Days)),
        OutlierWaitFinding f => Text.Format(OfStage("Review_Outlier", f.Wait), Words.Wait(f.Days), Words.Wait(f.TypicalDays)),
        BurstFinding f => Text.Format(Strings.Review_Burst, Words.Count(f.Saves, Strings.Count_Change_One, Strings.Count_Change_Other), f.Limit),
        StaleFinding f => Text.Format(Strings.Review_Stale, Words.Date(f.UnchangedSince), Names.Of(f.Status).ToLower(Languages.Current)),
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, "A finding the bot cannot word."),
    };

    private static string OfStage(string kind, Stage stage) =>
        Text.Find(Text.ResourceName(kind, stage.Name())) ?? throw new InvalidOperationException($"No {kind} sentence for stage '{stage.Name()}' in the resources.");
}
