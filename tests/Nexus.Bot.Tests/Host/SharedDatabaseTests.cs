using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Nexus.Bot.Tests.Hardening;
using Nexus.Bot.Tests.Support;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Host;

/// <summary>
/// Scaling out, as far as this machine allows: two HTTP-mode instances (real processes) on one SQLite file in
/// WAL mode, the stand-in for several instances on one SQL Server behind a proxy.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SharedDatabaseTests : IDisposable
{
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(2);
    private readonly TempFolder _folder = new();
    private readonly Ed25519TestSigner _signer = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_instances_on_one_database_keep_every_write_and_each_sees_the_others_within_the_staleness_limit()
    {
        // ExactBelowCases=1: even this small server may be answered from figures up to MaxStaleness old, so
        // the test shows the limit, not the exact path.
        string[] settings = ["--Statistics:ExactBelowCases=1", $"--Statistics:MaxStaleness={MaxStaleness:c}"];
        await using var first = await SupervisedBot.StartAsync(_folder, _signer, settings);
        await using var second = await SupervisedBot.StartAsync(_folder, _signer, settings);
        var requests = new BotRequests(_signer);

        // Members start cases through both instances at once.
        var users = Enumerable.Range(1, 60).Select(i => 7000UL + (ulong)i).ToList();
        await Task.WhenAll(users.Select(async user =>
        {
            var bot = user % 2 == 0 ? first : second;
            var (status, body) = await requests.PostAsync(bot.Client, Start(user));
            Assert.Equal(HttpStatusCode.OK, status);
            // 5: deferred after 2 s on a busy machine; the case is saved all the same (the edit has nowhere to go here).
            Assert.True((int)body!["type"]! == 5 || Content(body).Contains("Your case is started", StringComparison.Ordinal), Content(body));
        }));

        // A start deferred on a busy machine is saved just after its answer: wait for the file to hold them all.
        await WaitFor.UntilAsync(() => CasesInFile() == users.Count, "every start to be saved", TimeSpan.FromSeconds(30));
        var allSaved = Stopwatch.GetTimestamp();

        // Each instance may answer with figures computed during the burst (each start's estimate computes them)
        // for up to MaxStaleness; after that, never: both count every case, whichever instance wrote it.
        await AssertCountsWithinStalenessAsync(first, requests, users.Count, allSaved);
        await AssertCountsWithinStalenessAsync(second, requests, users.Count, allSaved);

        // One more case through the second instance. The first may still show the figures it holds, but once
        // the limit has passed since the write, it must count it.
        var (lastStatus, _) = await requests.PostAsync(second.Client, Start(9999));
        Assert.Equal(HttpStatusCode.OK, lastStatus);
        await WaitFor.UntilAsync(() => CasesInFile() == users.Count + 1, "the last start to be saved");
        var lastSaved = Stopwatch.GetTimestamp();
        Assert.InRange(await StatsCasesAsync(first, requests), users.Count, users.Count + 1);
        await AssertCountsWithinStalenessAsync(first, requests, users.Count + 1, lastSaved);
    }

    /// <summary>
    /// Asks <paramref name="bot"/> for /stats until it counts <paramref name="expected"/> cases. Older figures are
    /// allowed only for MaxStaleness after the write, which was in the file at <paramref name="savedAt"/> at the
    /// latest: a stale answer to a request sent after that fails the test, so does never catching up.
    /// </summary>
    private static async Task AssertCountsWithinStalenessAsync(SupervisedBot bot, BotRequests requests, int expected, long savedAt)
    {
        while (true)
        {
            var askedAfter = Stopwatch.GetElapsedTime(savedAt);
            var counted = await StatsCasesAsync(bot, requests);
            if (counted == expected)
            {
                return;
            }

            Assert.InRange(counted, 0, expected);
            Assert.True(askedAfter <= MaxStaleness, $"{counted} of {expected} cases counted {askedAfter.TotalSeconds:0.00} s after the save, past the {MaxStaleness.TotalSeconds} s limit");
        }
    }

    private static string Start(ulong user) =>
        BotRequests.Command("mycase", user, "start", ("date", 3, "yesterday"), ("type", 3, "initial"), ("status", 3, "ca-citizen"));

    private static string Content(JsonNode? body) => body?["data"]?.ToJsonString() ?? "";

    /// <summary>The number of cases /stats says its figures are based on ("Based on 61 cases" in the footer).</summary>
    /// <remarks>
    /// A reply deferred on a busy machine (type 5) carries no figures here, as its edit goes nowhere: ask again.
    /// A later answer is never staler than an earlier one.
    /// </remarks>
    private static async Task<int> StatsCasesAsync(SupervisedBot bot, BotRequests requests)
    {
        JsonNode? body = null;
        for (var attempt = 0; attempt < 10 && (int?)body?["type"] != 4; attempt++)
        {
            HttpStatusCode status;
            (status, body) = await requests.PostAsync(bot.Client, BotRequests.Command("stats", 1));
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var footer = body!["data"]!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>();
        var match = System.Text.RegularExpressions.Regex.Match(footer, @"^(?<n>[0-9,]+) case");
        Assert.True(match.Success, footer);
        return int.Parse(match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    private int CasesInFile()
    {
        using var database = new SqliteConnection($"Data Source={_folder.Database};Mode=ReadWrite;Pooling=False");
        database.Open();
        return database.ExecuteScalar<int>("SELECT COUNT(*) FROM cases;");
    }
}
