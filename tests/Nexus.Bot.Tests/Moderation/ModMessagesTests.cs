using Nexus.Bot.Commands.Mod;
using Nexus.Domain.Cases;
using Nexus.Domain.Moderation;

namespace Nexus.Bot.Tests.Moderation;

public sealed class ModMessagesTests
{
    [Fact]
    public void The_largest_review_page_fits_discords_five_rows_of_five_buttons()
    {
        var largest = typeof(ModerationOptions).GetProperty(nameof(ModerationOptions.PageSize))!
            .GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RangeAttribute), false)
            .Cast<System.ComponentModel.DataAnnotations.RangeAttribute>().Single().Maximum;
        var entries = Enumerable.Range(1, (int)largest).Select(n => new ReviewEntry(
            new Case { Id = n, CaseNumber = 1_000_000 + n, GuildId = 1, Type = ApplicationType.Initial, ApplicantStatus = ApplicantStatus.UsCitizen, Timeline = new Timeline(new DateOnly(2025, 1, 1)) },
            [new StaleFinding(new DateOnly(2024, 1, 1), CaseStatus.PendingReview)])).ToList();

        var message = ModMessages.Review(new ReviewPage(entries, 2, 3, 30), ulong.MaxValue);

        Assert.InRange(message.Components!.Count, 1, 5);
        Assert.All(message.Components, row => Assert.InRange(row.Components!.Count, 1, 5));
        Assert.All(message.Components.SelectMany(r => r.Components!), b => Assert.InRange(b.CustomId!.Length, 1, 100));
        Assert.Equal(3 * entries.Count + 2, message.Components.Sum(r => r.Components!.Count));
    }
}
