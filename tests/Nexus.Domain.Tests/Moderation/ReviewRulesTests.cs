using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

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

    // An initial application with conditional approval and a joint interview on `interview`, approved `days` later.
    private static Case Approved(DateOnly interview, int days) =>
        Make(new Timeline(interview.AddDays(-90), interview.AddDays(-40), interview, interview, interview.AddDays(days)));

    private static ReviewEntry Single(params Case[] cases) => Assert.Single(ReviewRules.Evaluate(cases, new Dictionary<long, int>(), Options, Now, TimeZoneInfo.Utc));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void A_sound_recent_case_is_not_in_the_queue()
    {
        var sound = Make(new Timeline(D(2025, 1, 10), D(2025, 3, 1), D(2025, 4, 1), D(2025, 4, 1), D(2025, 4, 20)));

        Assert.Empty(ReviewRules.Evaluate([sound], new Dictionary<long, int>(), Options, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Milestones_out_of_order_are_invalid_with_the_rules_message_and_a_negative_wait()
    {
        var entry = Single(Make(new Timeline(D(2025, 3, 1), D(2025, 2, 1))));

        Assert.Equal(2, entry.Findings.Count);
        var invalid = Assert.IsType<BrokenRuleFinding>(entry.Findings[0]);
        Assert.Equal((CaseErrorCodes.OrderBefore, "Conditional approval can't be before your application date (2025-03-01)."), (invalid.Rule.Key, invalid.Rule.Message));
        Assert.Equal(new NegativeWaitFinding(Stage.AppliedToConditional, 28), entry.Findings[1]);
        Assert.Equal((ReviewReason.ImpossibleWait, Stage.AppliedToConditional), (entry.Findings[1].Reason, entry.Findings[1].Stage));
    }

    [Fact]
    public void A_milestone_in_the_future_is_invalid_but_a_booked_interview_is_not()
    {
        var futureCard = Make(new Timeline(D(2025, 1, 1), Approved: D(2025, 3, 1), Card: D(2025, 7, 1)), ApplicationType.Renewal);
        var booked = Make(new Timeline(D(2025, 1, 1), D(2025, 3, 1), D(2025, 8, 1), D(2025, 8, 1)));

        var entry = Single(futureCard, booked);

        Assert.Equal(futureCard.Id, entry.Case.Id);
        Assert.Equal("The card date can't be in the future (today is 2025-06-15).", Assert.IsType<BrokenRuleFinding>(entry.Findings[0]).Rule.Message);
    }

    [Fact]
    public void A_wait_of_more_than_three_years_is_impossible()
    {
        var entry = Single(Make(new Timeline(D(2020, 1, 1), D(2023, 1, 2))));

        Assert.Equal([new OverlongWaitFinding(Stage.AppliedToConditional, 1097, 3)], entry.Findings);
    }

    [Fact]
    public void Exactly_three_years_is_still_possible()
    {
        Assert.Empty(ReviewRules.Evaluate([Make(new Timeline(D(2021, 1, 1), D(2024, 1, 1)))], new Dictionary<long, int>(), Options, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_wait_beyond_the_log_scale_fence_and_the_floor_is_an_outlier_with_the_typical_wait()
    {
        // Finished waits 30..41 days, 66 and 100: on ln(1 + days) the fence is about 61 days; the typical (median)
        // wait is 36.5, rounded to 37 days, and 37 + the 30-day floor = 67 days is higher, so 66 days is within it.
        var usual = Enumerable.Range(30, 12).Select(days => Make(new Timeline(D(2025, 1, 1), D(2025, 1, 1).AddDays(days)))).ToList();
        var atLimit = Make(new Timeline(D(2025, 1, 2), D(2025, 1, 2).AddDays(66)));
        var beyond = Make(new Timeline(D(2024, 6, 1), D(2024, 6, 1).AddDays(100)));

        var entry = Single([.. usual, atLimit, beyond]);

        Assert.Equal(beyond.Id, entry.Case.Id);
        Assert.Equal(
            [new OutlierWaitFinding(Stage.AppliedToConditional, 100, 37)],
            entry.Findings);
        Assert.Equal(StageSet.Of(Stage.AppliedToConditional), entry.Offending(ReviewReason.Outlier));
    }

    [Fact]
    public void A_stage_that_usually_takes_the_same_day_flags_only_waits_beyond_the_floor()
    {
        // Q3 and the IQR are 0 here: without the floor every approval a day later would be an "outlier".
        var sameDay = Enumerable.Range(0, 20).Select(i => Approved(D(2025, 1, 1).AddDays(i), 0)).ToList();
        var aDayLater = Approved(D(2025, 2, 1), 1);
        var threeWeeks = Approved(D(2025, 2, 2), 24);
        var atFloor = Approved(D(2025, 2, 3), 30);
        var typo = Approved(D(2024, 2, 4), 365);

        var entry = Single([.. sameDay, aDayLater, threeWeeks, atFloor, typo]);

        Assert.Equal(typo.Id, entry.Case.Id);
        Assert.Equal(
            [new OutlierWaitFinding(Stage.InterviewToApproved, 365, 0)],
            entry.Findings);
    }

    [Fact]
    public void The_floor_is_configurable()
    {
        var sameDay = Enumerable.Range(0, 20).Select(i => Approved(D(2025, 1, 1).AddDays(i), 0)).ToList();
        var threeWeeks = Approved(D(2025, 2, 2), 24);

        var entries = ReviewRules.Evaluate([.. sameDay, threeWeeks], new Dictionary<long, int>(), new ModerationOptions { OutlierFloorDays = 14 }, Now, TimeZoneInfo.Utc);

        Assert.Equal(new OutlierWaitFinding(Stage.InterviewToApproved, 24, 0), Assert.Single(Assert.Single(entries).Findings));
    }

    [Fact]
    public void Long_but_real_waits_of_a_skewed_stage_are_not_outliers()
    {
        // Most wait 3 weeks to 4 months; manual reviews of 9 and 13 months are long but happen. A linear fence
        // (Q3 + 3×IQR = 100 + 3 × 57.5 ≈ 272 days) would flag the 13-month one; on the log scale both are inside.
        var waits = new[] { 20, 25, 30, 40, 45, 50, 55, 60, 70, 80, 90, 110, 130, 270, 400 };
        var cases = waits.Select((w, i) => Make(new Timeline(D(2023, 1, 1).AddDays(i), D(2023, 1, 1).AddDays(i + w)))).ToList();

        Assert.Empty(ReviewRules.Evaluate(cases, new Dictionary<long, int>(), Options, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void An_excluded_stage_is_not_reviewed_and_leaves_the_limit_but_the_rest_of_the_case_is()
    {
        var sameDay = Enumerable.Range(0, 20).Select(i => Approved(D(2025, 1, 1).AddDays(i), 0)).ToList();
        var typo = Approved(D(2024, 2, 4), 365) with { ExcludedStages = StageSet.Of(Stage.InterviewToApproved) };

        Assert.Empty(ReviewRules.Evaluate([.. sameDay, typo], new Dictionary<long, int>(), Options, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Outliers_need_enough_finished_waits_and_ignore_excluded_cases()
    {
        // Eight usual waits and one far one: nine finished, below the minimum of ten; the excluded case doesn't count.
        var few = Enumerable.Range(30, 8).Select(days => Make(new Timeline(D(2025, 1, 1), D(2025, 1, 1).AddDays(days)))).ToList();
        var far = Make(new Timeline(D(2024, 6, 1), D(2024, 6, 1).AddDays(300)));
        var excludedExtra = Make(new Timeline(D(2025, 1, 1), D(2025, 2, 1)), excluded: true);

        Assert.Empty(ReviewRules.Evaluate([.. few, far, excludedExtra], new Dictionary<long, int>(), Options, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void More_than_n_saves_in_an_hour_is_a_burst()
    {
        var busy = Make(new Timeline(D(2025, 1, 10)));
        var calm = Make(new Timeline(D(2025, 1, 10)));

        var entries = ReviewRules.Evaluate([busy, calm], new Dictionary<long, int> { [busy.Id] = 11, [calm.Id] = 10 }, Options, Now, TimeZoneInfo.Utc);

        var entry = Assert.Single(entries);
        Assert.Equal(busy.Id, entry.Case.Id);
        Assert.Equal([new BurstFinding(11, 10)], entry.Findings);
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
        Assert.Equal([new StaleFinding(D(2023, 12, 14), CaseStatus.ConditionallyApproved)], entry.Findings);
    }

    [Fact]
    public void Excluded_cases_are_not_reviewed()
    {
        Assert.Empty(ReviewRules.Evaluate([Make(new Timeline(D(2025, 3, 1), D(2025, 2, 1)), excluded: true)], new Dictionary<long, int>(), Options, Now, TimeZoneInfo.Utc));
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
