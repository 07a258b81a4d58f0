using Nexus.Domain.Cases;
using static Nexus.Domain.Tests.Support.Errors;

namespace Nexus.Domain.Tests.Cases;

public sealed class DateInputTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);
    private const string FormatHelp = "Dates look like 2024-05-01 (or 'today', or '1 May 2024').";

    [Theory]
    [InlineData("2024-05-01")]
    [InlineData(" 2024-5-1 ")]
    [InlineData("1 May 2024")]
    [InlineData("May 1, 2024")]
    [InlineData("1 May, 2024")]
    [InlineData("May 1 2024")]
    [InlineData("may 1 2024")]
    [InlineData("1 MAY 2024")]
    [InlineData("1st May 2024")]
    [InlineData("1-May-2024")]
    public void Accepts_iso_and_month_name_forms(string text)
    {
        Assert.Equal(new DateOnly(2024, 5, 1), AssertOk(DateInput.Parse(text, Today)));
    }

    [Theory]
    [InlineData("3 Sep 2024")]
    [InlineData("3 Sept 2024")]
    [InlineData("Sept. 3, 2024")]
    [InlineData("3 September 2024")]
    public void Accepts_month_abbreviations(string text)
    {
        Assert.Equal(new DateOnly(2024, 9, 3), AssertOk(DateInput.Parse(text, Today)));
    }

    [Fact]
    public void Today_and_yesterday_come_from_the_given_day()
    {
        Assert.Equal(Today, AssertOk(DateInput.Parse("Today", Today)));
        Assert.Equal(new DateOnly(2024, 6, 14), AssertOk(DateInput.Parse("yesterday", Today)));
    }

    [Theory]
    [InlineData("05/01/2024")]
    [InlineData("5-1-2024")]
    [InlineData("5.1.2024")]
    public void Refuses_numeric_dates_that_read_two_ways(string text)
    {
        AssertError(DateInput.Parse(text, Today), "date.ambiguous",
            $"'{text}' could be 1 May or 5 January; please write it year first, like 2024-05-01 or 2024-01-05.");
    }

    [Theory]
    [InlineData("25/12/2024")]
    [InlineData("12/25/2024")]
    public void Accepts_numeric_dates_with_only_one_reading(string text)
    {
        Assert.Equal(new DateOnly(2024, 12, 25), AssertOk(DateInput.Parse(text, Today)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("2024/05")]
    [InlineData("1 Mayo 2024")]
    [InlineData("05/01/24")]
    public void Refuses_unreadable_text(string text)
    {
        AssertError(DateInput.Parse(text, Today), "date.format", FormatHelp);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("31 April 2024")]
    [InlineData("13/13/2024")]
    public void Refuses_days_that_do_not_exist(string text)
    {
        AssertError(DateInput.Parse(text, Today), "date.invalid", $"'{text}' isn't a real date. {FormatHelp}");
    }

    [Fact]
    public void Does_not_check_ranges()
    {
        Assert.Equal(new DateOnly(1999, 1, 1), AssertOk(DateInput.Parse("1999-01-01", Today)));
        Assert.Equal(new DateOnly(2030, 1, 1), AssertOk(DateInput.Parse("1 Jan 2030", Today)));
    }
}
