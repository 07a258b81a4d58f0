using Microsoft.Extensions.DependencyInjection;
using Nexus.Bot.Tests.Commands.Support;
using Nexus.Discord.Models;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Localization;

/// <summary>A member whose Discord is in French, through the real dispatcher and handlers: every reply in French.</summary>
public sealed class FrenchMemberJourneyTests : IAsyncLifetime
{
    private CommandHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await CommandHarness.CreateAsync(new DateOnly(2024, 9, 1));
        _bot.Locale = "fr";
        _bot.GuildLocale = "fr";
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Start_update_and_show_answer_in_french_with_french_dates_and_waits()
    {
        var started = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "1er mai 2024"), String("type", "initial"), String("status", "ca-citizen")));

        started.AssertValidReply(ephemeral: true);
        Assert.Equal("Votre dossier est créé : c’est le dossier n° 1 de ce serveur. Inscrivez chaque étape avec `/mycase update`.", started.Data.Content);
        Assert.Equal("Dossier n° 1 · Votre dossier", started.Embed.Title);
        Assert.Equal("**En cours d’examen**\nPremière demande · Citoyen canadien", started.Embed.Description);
        Assert.Equal(("Demande", "1 mai 2024"), (started.Embed.Fields![0].Name, started.Embed.Fields[0].Value));

        var updated = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("update", String("milestone", "conditional"), String("date", "15 juin 2024")));

        updated.AssertValidReply(ephemeral: true);
        Assert.Equal("Inscrit : Approbation conditionnelle le 15 juin 2024.", updated.Data.Content);

        var interview = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("update", String("milestone", "interview"), String("date", "hier")));
        Assert.Equal("Inscrit : Entrevue (conjointe, les deux volets) le 31 août 2024.", interview.Data.Content);

        var shown = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show"));

        shown.AssertValidReply(ephemeral: true);
        Assert.Equal("**Entrevue passée, en attente de décision**\nPremière demande · Citoyen canadien", shown.Embed.Description);
        Assert.Contains(shown.Embed.Fields!, f => f.Name == "Approbation conditionnelle" && f.Value == "15 juin 2024\n6 semaines après votre demande");
        Assert.Contains(shown.Embed.Fields!, f => f.Name == "Entrevue" && f.Value == "31 août 2024\n11 semaines après l’approbation conditionnelle");
        Assert.Contains(shown.Embed.Fields!, f => f.Name == "Temps écoulé" && f.Value == "4 mois depuis la demande, et ça continue");
        Assert.StartsWith("Privé : listé seulement par son numéro.", shown.Embed.Footer!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" weeks", shown.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_are_in_french_and_save_nothing()
    {
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "05/01/2024"), String("type", "initial"), String("status", "ca-citizen"))))
            .AssertError("« 05/01/2024 » peut vouloir dire le 1 mai ou le 5 janvier; écrivez l’année d’abord, comme 2024-05-01 ou 2024-01-05.");
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show")))
            .AssertError("Vous n’avez pas encore de dossier sur ce serveur. Commencez-en un avec `/mycase start`.");

        await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"), String("status", "ca-citizen")));
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("update", String("milestone", "interview-ca"), String("date", "2024-06-01"))))
            .AssertError("Ajoutez d’abord votre approbation conditionnelle : l’entrevue vient après l’approbation conditionnelle.");
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("update", String("milestone", "conditional"), String("date", "2024-04-01"))))
            .AssertError("L’approbation conditionnelle ne peut pas précéder votre date de demande (2024-05-01).");
    }

    [Fact]
    public async Task Option_values_discord_would_refuse_are_refused_in_french_with_the_names_the_member_sees()
    {
        // Discord's clients check these before sending; an old client or a hand-made request can still send them.
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"), String("status", "ca-citizen"), Integer("applicants", 44))))
            .AssertError("L’option demandeurs doit être entre 1 et 10.");
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"))))
            .AssertError("L’option statut est obligatoire.");
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("update", String("milestone", "lunch"), String("date", "2024-05-01"))))
            .AssertError("« lunch » n’est pas un choix de l’option étape; choisissez parmi : Approbation conditionnelle · Entrevue (conjointe, les deux volets) · Entrevue, volet canadien · Entrevue, volet américain · Approuvée · Carte reçue · Refusée.");

        _bot.Locale = "en-US";
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"), String("status", "ca-citizen"), Integer("applicants", 44))))
            .AssertError("applicants must be between 1 and 10.");
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show")))
            .AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");
    }

    [Fact]
    public async Task The_dispatchers_own_answers_and_a_storage_outage_are_in_french_too()
    {
        (await _bot.ClickAsync(CommandHarness.Alice, "old:button:from-a-past-release", CommandHarness.Alice))
            .AssertError("Cette commande ou ce bouton n’est plus disponible.");

        using (Nexus.Bot.Localization.Languages.Enter("fr", "fr"))
        {
            Assert.Equal(
                "Un problème est survenu de notre côté et rien n’a été modifié. Si cela se reproduit, donnez cette référence à un modérateur : 0a1b2c3d.",
                _bot.Services.GetRequiredService<Nexus.Discord.Dispatch.IDispatcherTexts>().Error(new Interaction(), "0a1b2c3d"));
        }

        // The database file is gone: the member reads the outage in French, not a bug reference.
        await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_bot.DatabasePath);
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show")))
            .AssertError("Les données sont momentanément inaccessibles; réessayez dans une minute.");
    }

    [Fact]
    public async Task The_same_member_in_english_gets_english_and_public_stats_follow_the_servers_language()
    {
        _bot.Locale = "en-US";
        (await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show")))
            .AssertError("You don't have a case in this server yet. Start one with `/mycase start`.");

        // A French server: /stats is public, so it speaks the server's language even to an English client.
        var french = await _bot.RunAsync(CommandHarness.Alice, "stats");
        Assert.Equal("Les délais NEXUS ici", french.Embed.Title);

        _bot.Locale = "fr";
        _bot.GuildLocale = "en-US";
        var english = await _bot.RunAsync(CommandHarness.Alice, "stats");
        Assert.Equal("How long NEXUS takes here", english.Embed.Title);
    }

    [Fact]
    public async Task Centres_are_named_and_found_in_french()
    {
        var suggested = await _bot.AutocompleteAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"), String("status", "ca-citizen"), String("centre", "aéroport international de vanc") with { Focused = true }));
        Assert.Equal(["ca-yvr-cbsa", "ca-yvr-eoa"], suggested.Data.Choices!.Select(c => (string)c.Value));
        Assert.Equal("Aéroport international de Vancouver (YVR) – centre d’inscription de l’ASFC (Richmond, BC)", suggested.Data.Choices![0].Name);

        // Typed instead of picked, the French name finds the centre, and the case names it in French.
        await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("start", String("date", "2024-05-01"), String("type", "initial"), String("status", "ca-citizen"), String("centre", "Centre d’inscription de Fort Erie (pont Peace)")));
        var shown = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show"));
        Assert.Contains("Centre d’inscription de Fort Erie (pont Peace) (Fort Erie, ON)", shown.AllText, StringComparison.Ordinal);

        // /nexus words the centre's status and the reference file's notes in French as well.
        var centre = await _bot.RunAsync(CommandHarness.Alice, "nexus", String("topic", "centres"), String("centre", "ca-on-fort-erie"));
        Assert.Equal("Centre d’inscription de Fort Erie (pont Peace)", centre.Embed.Title);
        Assert.Contains(centre.Embed.Fields!, f => f.Value == "en service");
        Assert.Contains(centre.Embed.Fields!, f => f.Value.StartsWith("Le TTP l’affiche sous le nom", StringComparison.Ordinal));

        _bot.Locale = "en-US";
        shown = await _bot.RunAsync(CommandHarness.Alice, "mycase", SubCommand("show"));
        Assert.Contains("Fort Erie (Peace Bridge) Enrolment Centre (Fort Erie, ON)", shown.AllText, StringComparison.Ordinal);
        centre = await _bot.RunAsync(CommandHarness.Alice, "nexus", String("topic", "centres"), String("centre", "ca-on-fort-erie"));
        Assert.Contains(centre.Embed.Fields!, f => f.Value.StartsWith("TTP lists this as", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_and_nexus_topics_answer_in_french()
    {
        var help = await _bot.RunAsync(CommandHarness.Alice, "help");
        Assert.Equal("Commandes de Nexus", help.Embed.Title);
        Assert.Contains(help.Embed.Fields!, f => f.Name == "Dates" && f.Value.Contains("`1 mai 2024`", StringComparison.Ordinal));

        var topic = await _bot.RunAsync(CommandHarness.Alice, "nexus", String("topic", "fees"));
        Assert.Equal("NEXUS : Frais", topic.Embed.Title);
        Assert.Contains("https://www.cbsa-asfc.gc.ca/prog/nexus/enrol-inscrire-fra.html", topic.Embed.Fields![0].Value, StringComparison.Ordinal);
        topic.AssertValidReply(ephemeral: false);
    }
}
