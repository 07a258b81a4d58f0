using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using static Nexus.Domain.Tests.Support.Errors;

namespace Nexus.Domain.Tests.Cases;

/// <summary>Dates typed the French way, understood whatever the member's language; the refusals carry what the bot words.</summary>
public sealed class FrenchDateInputTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    [Theory]
    [InlineData("1 mai 2024", 2024, 5, 1)]
    [InlineData("1er mai 2024", 2024, 5, 1)]
    [InlineData("le 1er mai 2024", 2024, 5, 1)]
    [InlineData("1 MAI 2024", 2024, 5, 1)]
    [InlineData("15 février 2024", 2024, 2, 15)]
    [InlineData("15 fevrier 2024", 2024, 2, 15)]
    [InlineData("15 févr. 2024", 2024, 2, 15)]
    [InlineData("3 août 2023", 2023, 8, 3)]
    [InlineData("3 aout 2023", 2023, 8, 3)]
    [InlineData("24 décembre 2023", 2023, 12, 24)]
    [InlineData("2 juillet 2024", 2024, 7, 2)]
    [InlineData("2024-05-01", 2024, 5, 1)]
    public void French_month_names_with_or_without_accents_and_iso_are_read(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), AssertOk(DateInput.Parse(text, Today)));
    }

    [Theory]
    [InlineData("aujourd'hui", 0)]
    [InlineData("aujourd’hui", 0)]
    [InlineData("Aujourd'hui", 0)]
    [InlineData("hier", -1)]
    [InlineData("HIER", -1)]
    public void Aujourdhui_and_hier_are_today_and_yesterday(string text, int offset)
    {
        Assert.Equal(Today.AddDays(offset), AssertOk(DateInput.Parse(text, Today)));
    }

    [Fact]
    public void An_ambiguous_numeric_date_is_still_refused_with_both_readings_for_the_bot_to_word()
    {
        var error = AssertFails(DateInput.Parse("05/01/2024", Today), CaseErrorCodes.DateAmbiguous);

        Assert.Equal(CaseErrorCodes.DateAmbiguous, error.Key);
        Assert.Equal<object>(["05/01/2024", new DateOnly(2024, 5, 1), new DateOnly(2024, 1, 5), "2024-05-01", "2024-01-05"], error.Arguments);
    }

    [Fact]
    public void A_french_date_that_does_not_exist_is_refused_naming_what_was_typed()
    {
        var error = AssertFails(DateInput.Parse("31 février 2024", Today), CaseErrorCodes.DateInvalid);

        Assert.Equal(["31 février 2024"], error.Arguments);
    }

    [Fact]
    public void A_rule_names_its_milestones_as_phrases_the_bot_translates_and_its_dates_as_iso()
    {
        var timeline = new Timeline(new DateOnly(2024, 1, 10), Conditional: new DateOnly(2024, 3, 1));

        var error = AssertFails(CaseRules.SetMilestone(ApplicationType.Initial, timeline, MilestoneInput.InterviewCa, new DateOnly(2024, 2, 1), Today), CaseErrorCodes.Order);

        Assert.Equal("rule.order.before", error.Key);
        Assert.Equal<object>([new Phrase("subject.interview-ca", "The Canadian interview"), new Phrase("noun.conditional", "conditional approval"), "2024-03-01"], error.Arguments);
        Assert.Equal("The Canadian interview can't be before your conditional approval (2024-03-01).", error.Message);
    }

    [Theory]
    [InlineData("2024-05", 2024, 5)]
    [InlineData("May 2024", 2024, 5)]
    [InlineData("mai 2024", 2024, 5)]
    [InlineData("févr. 2025", 2025, 2)]
    [InlineData(" Aout 2023 ", 2023, 8)]
    public void A_month_is_read_as_iso_or_by_its_name_in_either_language(string text, int year, int month)
    {
        Assert.True(DateInput.TryParseMonth(text, out var y, out var m));
        Assert.Equal((year, month), (y, m));
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-5-1")]
    [InlineData("lunch 2024")]
    [InlineData("mai")]
    [InlineData("")]
    public void Anything_else_is_not_a_month(string text)
    {
        Assert.False(DateInput.TryParseMonth(text, out _, out _));
    }
}
