using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;

namespace Nexus.Domain.Tests.Moderation;

/// <summary>Each review rule on hand-made cases, as of 15 June 2025 at noon.</summary>
public sealed class ReviewRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly ModerationOptions Options = new();
    private static long _nextId;

    private static Case Make(Timeline timeline, ApplicationType type = ApplicationType.Initial, DateTimeOffset? updatedAt = null, bool excluded = false)
    {
        var id = Interlocked.Increment(ref _nextId);
        return new Case
        {
            Id = id,
            CaseNumber = id,
            GuildId = 1,
            Type = type,
            ApplicantStatus = ApplicantStatus.CaCitizen,
            Timeline = timeline,
            Excluded = excluded,
            CreatedAt = updatedAt ?? Now,
            UpdatedAt = updatedAt ?? Now,
            Version = 1,
        };
    }

    private static ReviewEntry Single(params Case[] cases) => Assert.Single(ReviewRules.Evaluate(cases, new Dictionary<long, int>(), Options, Now));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void A_sound_recent_case_is_not_in_the_queue()
    {
        var sound = Make(new Timeline(D(2025, 1, 10), D(2025, 3, 1), D(2025, 4, 1), D(2025, 4, 1), D(2025, 4, 20)));

        Assert.Empty(ReviewRules.Evaluate([sound], new Dictionary<long, int>(), Options, Now));
    }

    [Fact]
    public void Milestones_out_of_order_are_invalid_with_the_rules_message_and_a_negative_wait()
    {
        var entry = Single(Make(new Timeline(D(2025, 3, 1), D(2025, 2, 1))));

        Assert.Equal(
            [
                new ReviewFinding(ReviewReason.Invalid, "Conditional approval can't be before your application date (2025-03-01)."),
                new ReviewFinding(ReviewReason.ImpossibleWait, "Applied → conditional approval: negative wait (-28 days)."),
            ],
            entry.Findings);
    }

    [Fact]
    public void A_milestone_in_the_future_is_invalid_but_a_booked_interview_is_not()
    {
        var futureCard = Make(new Timeline(D(2025, 1, 1), Approved: D(2025, 3, 1), Card: D(2025, 7, 1)), ApplicationType.Renewal);
        var booked = Make(new Timeline(D(2025, 1, 1), D(2025, 3, 1), D(2025, 8, 1), D(2025, 8, 1)));

        var entry = Single(futureCard, booked);

        Assert.Equal(futureCard.Id, entry.Case.Id);
        Assert.Equal(new ReviewFinding(ReviewReason.Invalid, "The card date can't be in the future (today is 2025-06-15)."), entry.Findings[0]);
    }

    [Fact]
    public void A_wait_of_more_than_three_years_is_impossible()
    {
        var entry = Single(Make(new Timeline(D(2020, 1, 1), D(2023, 1, 2))));

        Assert.Equal([new ReviewFinding(ReviewReason.ImpossibleWait, "Applied → conditional approval: 36 months, more than 3 years.")], entry.Findings);
    }

    [Fact]
    public void Exactly_three_years_is_still_possible()
    {
        Assert.Empty(ReviewRules.Evaluate([Make(new Timeline(D(2021, 1, 1), D(2024, 1, 1)))], new Dictionary<long, int>(), Options, Now));
    }

    [Fact]
    public void A_wait_beyond_q3_plus_three_iqr_of_the_stage_is_an_outlier()
    {
        // Finished waits 30..41, 59 and 100 days: Q1 = 33.25, Q3 = 39.75, IQR = 6.5, fence = 59.25 days.
        var usual = Enumerable.Range(30, 12).Select(days => Make(new Timeline(D(2025, 1, 1), D(2025, 1, 1).AddDays(days)))).ToList();
        var atFence = Make(new Timeline(D(2025, 1, 2), D(2025, 1, 2).AddDays(59)));
        var beyond = Make(new Timeline(D(2024, 6, 1), D(2024, 6, 1).AddDays(100)));

        var entry = Single([.. usual, atFence, beyond]);

        Assert.Equal(beyond.Id, entry.Case.Id);
        Assert.Equal(
            [new ReviewFinding(ReviewReason.Outlier, "Applied → conditional approval: 3 months (100 days), beyond this server's limit of 59 days (Q3 + 3×IQR).")],
            entry.Findings);
    }

    [Fact]
    public void Outliers_need_enough_finished_waits_and_ignore_excluded_cases()
    {
        // Eight usual waits and one far one: nine finished, below the minimum of ten; the excluded case doesn't count.
        var few = Enumerable.Range(30, 8).Select(days => Make(new Timeline(D(2025, 1, 1), D(2025, 1, 1).AddDays(days)))).ToList();
        var far = Make(new Timeline(D(2024, 6, 1), D(2024, 6, 1).AddDays(300)));
        var excludedExtra = Make(new Timeline(D(2025, 1, 1), D(2025, 2, 1)), excluded: true);

        Assert.Empty(ReviewRules.Evaluate([.. few, far, excludedExtra], new Dictionary<long, int>(), Options, Now));
    }

    [Fact]
    public void More_than_n_saves_in_an_hour_is_a_burst()
    {
        var busy = Make(new Timeline(D(2025, 1, 10)));
        var calm = Make(new Timeline(D(2025, 1, 10)));

        var entries = ReviewRules.Evaluate([busy, calm], new Dictionary<long, int> { [busy.Id] = 11, [calm.Id] = 10 }, Options, Now);

        var entry = Assert.Single(entries);
        Assert.Equal(busy.Id, entry.Case.Id);
        Assert.Equal([new ReviewFinding(ReviewReason.Burst, "11 changes within one hour (more than 10).")], entry.Findings);
    }

    [Fact]
    public void An_unfinished_case_unchanged_for_18_months_is_stale_a_finished_one_is_not()
    {
        var old = Now.AddMonths(-18).AddDays(-1);
        var waiting = Make(new Timeline(D(2023, 10, 1), D(2023, 11, 1)), updatedAt: old);
        var done = Make(new Timeline(D(2023, 10, 1), D(2023, 11, 1), D(2023, 11, 20), D(2023, 11, 20), D(2023, 12, 1), D(2023, 12, 20)), updatedAt: old);
        var recent = Make(new Timeline(D(2023, 10, 1)), updatedAt: Now.AddMonths(-18).AddDays(1));

        var entry = Single(waiting, done, recent);

        Assert.Equal(waiting.Id, entry.Case.Id);
        Assert.Equal([new ReviewFinding(ReviewReason.Stale, "Unchanged since 14 December 2023 and still conditionally approved.")], entry.Findings);
    }

    [Fact]
    public void Excluded_cases_are_not_reviewed()
    {
        Assert.Empty(ReviewRules.Evaluate([Make(new Timeline(D(2025, 3, 1), D(2025, 2, 1)), excluded: true)], new Dictionary<long, int>(), Options, Now));
    }

    [Fact]
    public void Bursts_count_saves_not_history_rows_within_a_sliding_hour()
    {
        var start = Now;
        List<DateTimeOffset> instants =
        [
            start, start, start, start,                // one save writes several rows
            start.AddMinutes(10), start.AddMinutes(59),
            start.AddMinutes(61), start.AddMinutes(65), start.AddMinutes(70),
        ];

        Assert.Equal(4, EditBursts.MostWithin(instants, TimeSpan.FromHours(1)));
        Assert.Equal(0, EditBursts.MostWithin([], TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Timeline_validation_replays_the_member_rules()
    {
        var today = D(2025, 6, 15);
        Assert.Null(TimelineValidation.FirstError(ApplicationType.Renewal, new Timeline(D(2025, 1, 1), Approved: D(2025, 2, 1)), today));
        Assert.Equal(
            "Add your conditional approval first: an initial application is approved only after conditional approval and both interview halves.",
            TimelineValidation.FirstError(ApplicationType.Initial, new Timeline(D(2025, 1, 1), Approved: D(2025, 2, 1)), today)!.Message);
        Assert.Equal("The application date can't be before 2002-01-01.", TimelineValidation.FirstError(ApplicationType.Initial, new Timeline(D(2001, 1, 1)), today)!.Message);
    }
}
