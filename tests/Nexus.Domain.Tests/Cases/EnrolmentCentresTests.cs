using Nexus.Domain.Cases;

namespace Nexus.Domain.Tests.Cases;

public sealed class EnrolmentCentresTests
{
    private static EnrolmentCentre Centre(string code, string name, string city, string province) =>
        new(code, name, city, province, "CA", "land", "joint_interview", null, true, "active", null);

    [Fact]
    public void Every_shipped_code_is_lower_case_as_stored_and_filtered()
    {
        // Cases store Find(...).Code, and the listing's centre filter lower-cases what it is given to match them.
        Assert.All(EnrolmentCentres.Default.All, c => Assert.Equal(c.Code.ToLowerInvariant(), c.Code));
    }

    [Fact]
    public void Shipped_list_is_embedded_with_every_field()
    {
        var blaine = EnrolmentCentres.Default.Find("US-WA-BLAINE");
        Assert.NotNull(blaine);
        Assert.Equal("us-wa-blaine", blaine.Code);
        Assert.Equal("Blaine NEXUS and FAST Enrollment Center (Birch Bay Square)", blaine.Name);
        Assert.Equal(("Blaine", "WA", "US", "land", "joint_interview", true, "active"),
            (blaine.City, blaine.ProvinceState, blaine.Country, blaine.Kind, blaine.Role, blaine.AppointmentRequired, blaine.Status));
        Assert.Equal(50, EnrolmentCentres.Default.All.Count);
        Assert.Contains(EnrolmentCentres.Default.All, c => c.PairedWith is not null);
    }

    [Fact]
    public void Search_puts_prefix_matches_before_word_and_substring_matches()
    {
        var centres = new EnrolmentCentres(
        [
            Centre("c", "Airport Toronto", "Mississauga", "ON"),
            Centre("a", "Torrance Hall", "Torrance", "CA"),
            Centre("b", "Lake Tor Centre", "Lake", "NY"),
            Centre("d", "Victoria", "Victoria", "BC"),
        ]);

        Assert.Equal(["a", "c", "b", "d"], centres.Search("tor").Select(c => c.Code));
    }

    [Fact]
    public void Search_matches_city_and_province_case_insensitively()
    {
        var byProvince = EnrolmentCentres.Default.Search("wa");
        Assert.Contains(byProvince, c => c.Code == "us-wa-blaine");
        var byCity = EnrolmentCentres.Default.Search("BLAINE");
        Assert.Equal("us-wa-blaine", byCity[0].Code);
        Assert.Empty(EnrolmentCentres.Default.Search("zzzz-nowhere"));
    }

    [Fact]
    public void Search_returns_at_most_max_results()
    {
        Assert.Equal(25, EnrolmentCentres.Default.Search("").Count);
        Assert.Equal(3, EnrolmentCentres.Default.Search("", max: 3).Count);
    }

    [Theory]
    [InlineData("montreal")]
    [InlineData("MONTRÉAL")]
    [InlineData("Montréal")]
    [InlineData("trudeau")]
    public void Search_ignores_accents_and_case_in_the_query_and_in_the_names(string query)
    {
        Assert.Equal(["ca-yul-cbsa", "ca-yul-eoa"], EnrolmentCentres.Default.Search(query).Select(c => c.Code).Order());
    }

    [Fact]
    public void Search_finds_an_unaccented_name_from_an_accented_query()
    {
        var centres = new EnrolmentCentres([Centre("q", "Quebec City Centre", "Quebec", "QC")]);

        Assert.Equal("q", Assert.Single(centres.Search("Québec")).Code);
        Assert.Equal("q", centres.FindByCodeOrName("québec city centre")?.Code);
    }

    [Fact]
    public void FindByCodeOrName_takes_a_code_or_a_whole_name_without_its_accents()
    {
        Assert.Equal("ca-yul-cbsa", EnrolmentCentres.Default.FindByCodeOrName("CA-YUL-CBSA")?.Code);
        Assert.Equal("ca-yul-cbsa", EnrolmentCentres.Default.FindByCodeOrName(" montreal-trudeau international airport (yul) – cbsa enrolment centre ")?.Code);
        Assert.Null(EnrolmentCentres.Default.FindByCodeOrName("montreal"));
        Assert.Null(EnrolmentCentres.Default.FindByCodeOrName(" "));
    }

    [Fact]
    public void The_name_a_member_reads_is_searched_and_found_too()
    {
        static string Translated(EnrolmentCentre c) => c.Code == "ca-on-fort-erie" ? "Centre d’inscription de Fort Erie (pont Peace)" : c.Name;

        Assert.Equal(["ca-on-fort-erie"], EnrolmentCentres.Default.Search("pont peace", nameOf: Translated).Select(c => c.Code));
        Assert.Empty(EnrolmentCentres.Default.Search("pont peace"));
        Assert.Equal("ca-on-fort-erie", EnrolmentCentres.Default.FindByCodeOrName("centre d'inscription de fort erie (pont peace)", Translated)?.Code);
        Assert.Null(EnrolmentCentres.Default.FindByCodeOrName("Centre d’inscription de Fort Erie (pont Peace)"));
    }

    [Theory]
    [InlineData("Montréal", "montreal")]
    [InlineData("San José", "san jose")]
    [InlineData("ÉCOLE", "ecole")]
    [InlineData("d’inscription", "d'inscription")]
    public void Fold_lowers_case_and_drops_accents(string text, string folded)
    {
        Assert.Equal(folded, EnrolmentCentres.Fold(text));
    }
}
