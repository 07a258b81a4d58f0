using System.Globalization;
using System.Text;
using Nexus.Bot.Localization;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Tests.Localization;

/// <summary>What moderators read about review findings and CSV errors, worded by the bot from the domain's facts.</summary>
public sealed class ModeratorTextTests
{
    private static readonly DateOnly Today = new(2025, 6, 15);

    public static TheoryData<ReviewFinding, string, string> Findings => new()
    {
        {
            new NegativeWaitFinding(Stage.AppliedToConditional, 28),
            "Conditionally approved 28 days before the application: one of the two dates is wrong.",
            "Approbation conditionnelle reçue 28 jours avant la demande : l’une des deux dates est fausse."
        },
        {
            new OverlongWaitFinding(Stage.AppliedToConditional, 1097, 3),
            "Conditionally approved 36 months after the application: more than 3 years, which doesn't happen.",
            "Approbation conditionnelle reçue 36 mois après la demande : plus de 3 ans, ce qui n’arrive jamais."
        },
        {
            new OutlierWaitFinding(Stage.AppliedToConditional, 100, 37),
            "Conditionally approved 3 months after the application; most here are conditionally approved after about 5 weeks.",
            "Approbation conditionnelle reçue 3 mois après la demande; ici, la plupart la reçoivent après environ 5 semaines."
        },
        {
            new OutlierWaitFinding(Stage.InterviewToApproved, 365, 0),
            "Approved 12 months after the interview; most here are approved the same day.",
            "Demande approuvée 12 mois après l’entrevue; ici, la plupart le sont le jour même."
        },
        {
            new OutlierWaitFinding(Stage.InterviewToApproved, 24, 0),
            "Approved 3 weeks after the interview; most here are approved the same day.",
            "Demande approuvée 3 semaines après l’entrevue; ici, la plupart le sont le jour même."
        },
        {
            new OutlierWaitFinding(Stage.ConditionalToInterview, 400, 60),
            "Interviewed 13 months after conditional approval; most here are interviewed after about 9 weeks.",
            "Entrevue passée 13 mois après l’approbation conditionnelle; ici, la plupart la passent après environ 9 semaines."
        },
        {
            new BurstFinding(11, 10),
            "11 changes within one hour (more than 10).",
            "11 modifications en une heure (plus de 10)."
        },
        {
            new StaleFinding(new DateOnly(2023, 12, 14), CaseStatus.ConditionallyApproved),
            "Unchanged since 14 December 2023 and still conditionally approved.",
            "Inchangé depuis le 14 décembre 2023; toujours « approuvée conditionnellement »."
        },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_finding_reads_in_the_moderators_language(ReviewFinding finding, string english, string french)
    {
        Assert.Equal(english, In(Languages.English, () => FindingText.Of(finding)));
        Assert.Equal(french, In(Languages.French, () => FindingText.Of(finding)));
    }

    [Fact]
    public void Every_kind_of_finding_has_a_sentence_for_every_stage_in_both_languages()
    {
        foreach (var language in new[] { Languages.English, Languages.French })
        {
            foreach (var stage in StageNames.All)
            {
                ReviewFinding[] findings = [new NegativeWaitFinding(stage, 2), new OverlongWaitFinding(stage, 1200, 3), new OutlierWaitFinding(stage, 90, 0), new OutlierWaitFinding(stage, 90, 20)];
                Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(In(language, () => FindingText.Of(f)))));
            }
        }
    }

    [Fact]
    public void A_broken_rule_reads_as_the_member_rule_in_each_language()
    {
        var rule = TimelineValidation.FirstError(ApplicationType.Initial, new Timeline(new DateOnly(2025, 3, 1), new DateOnly(2025, 2, 1)), Today)!;

        Assert.Equal("Conditional approval can't be before your application date (2025-03-01).", In(Languages.English, () => FindingText.Of(new BrokenRuleFinding(rule))));
        Assert.Equal("L’approbation conditionnelle ne peut pas précéder votre date de demande (2025-03-01).", In(Languages.French, () => FindingText.Of(new BrokenRuleFinding(rule))));
    }

    [Fact]
    public async Task Every_csv_error_reads_in_english_as_the_domain_says_it_and_in_french_differently()
    {
        var tooMany = new StringBuilder("applied,type,applicant_status\n");
        for (var i = 0; i <= CaseCsv.MaxRows; i++)
        {
            tooMany.Append("2025-01-01,initial,us-pr\n");
        }

        List<DomainError> errors =
        [
            await FileErrorAsync(new MemoryStream(new byte[CaseCsv.MaxBytes + 1])),
            await FileErrorAsync(Utf8("")),
            await FileErrorAsync(Utf8("applied,type,applicant_status,colour\n")),
            await FileErrorAsync(Utf8("applied,type,applied\n")),
            await FileErrorAsync(Utf8("applied,type\n")),
            await FileErrorAsync(Utf8(tooMany.ToString())),
        ];
        var rows = (await CaseCsv.ReadAsync(
            Utf8("""
                applied,type,applicant_status,applicants,excluded,excluded_stages
                2025-01-10,lunch,us-pr,,,
                2025-01-10,initial,nobody,,,
                2025-01-10,initial,us-pr,two,,
                ,initial,us-pr,,,
                2025-01-10,initial,us-pr,,maybe,
                2025-01-10,initial,us-pr,,,interview-lunch
                """),
            Today, EnrolmentCentres.Default, null, CancellationToken.None)).Value;
        errors.AddRange(rows.Errors.Select(e => e.Error));

        Assert.Equal(
            [
                ModerationErrorCodes.CsvTooLarge, ModerationErrorCodes.CsvEmpty, ModerationErrorCodes.CsvUnknownColumn, ModerationErrorCodes.CsvDuplicateColumn,
                ModerationErrorCodes.CsvMissingColumn, ModerationErrorCodes.CsvTooManyRows, ModerationErrorCodes.CsvRowType, ModerationErrorCodes.CsvRowApplicantStatus,
                ModerationErrorCodes.CsvRowApplicants, ModerationErrorCodes.CsvRowApplied, ModerationErrorCodes.CsvRowExcluded, ModerationErrorCodes.CsvRowExcludedStages,
            ],
            errors.Select(e => e.Key));
        Assert.All(errors, error =>
        {
            var english = In(Languages.English, () => Text.Error(error));
            Assert.Equal(error.Message, english);
            Assert.NotEqual(english, In(Languages.French, () => Text.Error(error)));
        });
        Assert.Equal("Le fichier a plus de 50 000 lignes; divisez-le en fichiers plus petits.", In(Languages.French, () => Text.Error(errors[5])).Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    private static async Task<DomainError> FileErrorAsync(Stream file) =>
        (await CaseCsv.ReadAsync(file, Today, EnrolmentCentres.Default, null, CancellationToken.None)).Error!;

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string In(CultureInfo language, Func<string> text)
    {
        using (Languages.Use(language))
        {
            return text();
        }
    }
}
