using Nexus.Domain.Common;

namespace Nexus.Domain.Tests.Common;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("day", 1, "1 day")]
    [InlineData("day", 0, "0 days")]
    [InlineData("week", 7, "7 weeks")]
    [InlineData("case", 1234, "1234 cases")]
    [InlineData("conditional approval", 2, "2 conditional approvals")]
    public void A_count_takes_its_noun_in_the_right_number(string noun, int count, string expected)
    {
        Assert.Equal(expected, Quantity.Of(noun, count));

        // Asked again, from the kept plural: the same words.
        Assert.Equal(expected, Quantity.Of(noun, count));
    }
}
