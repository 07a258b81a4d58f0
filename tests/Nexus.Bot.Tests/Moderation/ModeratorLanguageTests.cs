using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using static Nexus.Bot.Tests.Moderation.ModHarness;

namespace Nexus.Bot.Tests.Moderation;

/// <summary>
/// What a moderator reads, in English and in French (their Discord's language): the review queue, a case's
/// history, the log, an import's report and a refusal, all worded by the bot from the domain's facts.
/// </summary>
public sealed class ModeratorLanguageTests : IAsyncLifetime
{
    private ModHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<Reply> EnglishAsync(InteractionOption sub, ResolvedData? resolved = null) => _bot.DispatchAsync(Mod(sub, resolved) with { Locale = "en-US" });

    private Task<Reply> FrenchAsync(InteractionOption sub, ResolvedData? resolved = null) => _bot.DispatchAsync(Mod(sub, resolved) with { Locale = "fr" });

    [Fact]
    public async Task The_review_queue_words_each_finding_in_the_moderators_language()
    {
        await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 3, 1), D(2025, 2, 1)), owner: Owner);

        var english = await EnglishAsync(Sub("review"));
        var french = await FrenchAsync(Sub("review"));

        Assert.Contains(
            "• Conditional approval can't be before your application date (2025-03-01).\n"
            + "• Conditionally approved 28 days before the application: one of the two dates is wrong.\n"
            + "→ Exclude leaves out the whole case.",
            english.Text,
            StringComparison.Ordinal);
        Assert.Contains(
            "• L’approbation conditionnelle ne peut pas précéder votre date de demande (2025-03-01).\n"
            + "• Approbation conditionnelle reçue 28 jours avant la demande : l’une des deux dates est fausse.\n"
            + "→ Exclure écarte tout le dossier.",
            french.Text,
            StringComparison.Ordinal);
        french.AssertValid();
    }

    [Fact]
    public async Task The_case_history_and_the_log_name_actions_fields_and_stages_in_the_moderators_language()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 10), D(2025, 2, 20)), owner: Owner);
        var n = c.CaseNumber;
        await EnglishAsync(Sub("exclude", Int("case", n), Str("reason", "typo"), Str("stage", "applied-conditional")));
        await EnglishAsync(Sub("undo", Int("action", 1)));

        var english = await EnglishAsync(Sub("case", Int("case", n)));
        var french = await FrenchAsync(Sub("case", Int("case", n)));
        var englishLog = await EnglishAsync(Sub("log"));
        var frenchLog = await FrenchAsync(Sub("log"));

        Assert.Contains("Applied → conditional approval: counts → excluded · typo · action #1 (undone) · undid #1 · action #2", english.Text, StringComparison.Ordinal);
        Assert.Contains("Demande → approbation conditionnelle : comptée → exclue · typo · action n° 1 (annulée) · annule le n° 1 · action n° 2", french.Text, StringComparison.Ordinal);
        Assert.Contains("#2 · undo of #1", englishLog.Text, StringComparison.Ordinal);
        Assert.Contains("#1 · exclude · undone", englishLog.Text, StringComparison.Ordinal);
        Assert.Contains($"#{n} (Applied → conditional approval) · reason: typo · undone <t:", englishLog.Text, StringComparison.Ordinal);
        Assert.Contains("n° 2 · annulation du n° 1", frenchLog.Text, StringComparison.Ordinal);
        Assert.Contains("n° 1 · exclusion · annulée", frenchLog.Text, StringComparison.Ordinal);
        Assert.Contains($"n° {n} (Demande → approbation conditionnelle) · motif : typo · annulée le <t:", frenchLog.Text, StringComparison.Ordinal);
        Assert.Contains($" par <@{ModA}>", frenchLog.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_names_the_action_in_the_moderators_language()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 10), D(2025, 2, 20)), owner: Owner);
        await EnglishAsync(Sub("exclude", Int("case", c.CaseNumber), Str("reason", "typo")));
        await EnglishAsync(Sub("undo", Int("action", 1)));

        Assert.Equal("Action #2 (undo) can't be undone.", (await EnglishAsync(Sub("undo", Int("action", 2)))).Messages.Last().Content);
        Assert.Equal("L’action n° 2 (annulation) ne peut pas être annulée.", (await FrenchAsync(Sub("undo", Int("action", 2)))).Messages.Last().Content);
    }

    [Fact]
    public async Task An_import_report_words_its_counts_and_row_errors_in_the_moderators_language()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexus-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "applied,type,applicant_status,conditional\n2025-01-10,initial,us-citizen,2025-02-20\n2025-03-01,initial,us-citizen,2025-02-01\n2025-03-01,lunch,us-citizen,\n");
        try
        {
            var (sub, resolved) = Import(path, null);

            var english = await EnglishAsync(sub, resolved);
            var french = await FrenchAsync(sub, resolved);

            Assert.Equal(
                "Checked 3 rows: 1 valid, 2 with errors. Nothing was changed.\n"
                + "Row 3: Conditional approval can't be before your application date (2025-03-01).\n"
                + "Row 4: The type must be 'initial' or 'renewal'.",
                english.Text.Trim());
            Assert.Equal(
                "Vérification de 3 lignes : 1 sans erreur, 2 en erreur. Rien n’a été modifié.\n"
                + "Ligne 3 : L’approbation conditionnelle ne peut pas précéder votre date de demande (2025-03-01).\n"
                + "Ligne 4 : Le type doit être « initial » ou « renewal ».",
                french.Text.Trim());
            Assert.Contains(french.Edits, e => e.Content?.StartsWith("Importation…", StringComparison.Ordinal) == true);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_exclusion_refusal_names_the_case_and_the_stages_in_the_moderators_language()
    {
        var c = await _bot.AddCaseAsync(GuildA, new Timeline(D(2025, 1, 10), D(2025, 2, 20)), owner: Owner);
        var n = c.CaseNumber;
        await EnglishAsync(Sub("exclude", Int("case", n), Str("reason", "typo"), Str("stage", "applied-conditional")));

        var english = await EnglishAsync(Sub("exclude", Int("case", n), Str("reason", "again"), Str("stage", "applied-conditional")));
        var french = await FrenchAsync(Sub("exclude", Int("case", n), Str("reason", "encore"), Str("stage", "applied-conditional")));
        var englishWhole = await EnglishAsync(Sub("include", Int("case", n)));
        var frenchWhole = await FrenchAsync(Sub("include", Int("case", n)));

        Assert.Equal($"Applied → conditional approval of case #{n} is already left out of statistics.", english.Messages.Last().Content);
        Assert.Equal($"L’attente Demande → approbation conditionnelle du dossier n° {n} est déjà exclue des statistiques.", french.Messages.Last().Content);
        Assert.Equal($"Case #{n} counts in statistics except for Applied → conditional approval: include that stage to count it again.", englishWhole.Messages.Last().Content);
        Assert.Equal(
            $"Le dossier n° {n} compte dans les statistiques, sauf Demande → approbation conditionnelle : incluez cette étape pour qu’elle compte de nouveau.",
            frenchWhole.Messages.Last().Content);
    }
}
