using System.Globalization;
using System.Text;
using System.Text.Json;
using Nexus.Bot.Commands.Common;
using Nexus.Bot.Tests.Commands.Support;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;
using Nexus.Testing.OpenApi;
using static Nexus.Discord.Models.InteractionOption;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>
/// Property-style cases from a seeded generator, through the real dispatcher and the member commands on a
/// real SQLite file: dates in every shape, numbers at and past every edge, unicode, empty and very long
/// text, injection-looking text, wrong JSON kinds and missing options. Whatever comes in, the member gets
/// one clear message or a correct save, never the generic error; and after every case the stored rows
/// are audited (rules, history) and compared with what the reply said happened.
/// </summary>
public sealed class CommandOptionPropertyTests : IAsyncLifetime
{
    private const int Cases = 1500;
    private static readonly ulong[] Members = [CommandHarness.Alice, CommandHarness.Bob, CommandHarness.Carol, 554211842457600007];
    private CommandHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await CommandHarness.CreateAsync(new DateOnly(2024, 6, 1));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Any_generated_options_give_a_clear_message_or_a_correct_save_and_never_store_an_invalid_row()
    {
        var random = new Random(20241121);
        var failures = new List<string>();
        var saved = 0;
        for (var i = 0; i < Cases && failures.Count < 20; i++)
        {
            var member = Members[random.Next(Members.Length)];
            var (description, sub, expectedDate) = Generate(random);
            var before = await SnapshotAsync(member);
            var reply = await _bot.RunAsync(member, "mycase", sub);
            var after = await SnapshotAsync(member);
            var problem = Check(reply, before, after, sub.Name, expectedDate, out var changed);
            var violations = await StoredCaseAudit.FindViolationsAsync(_bot.DatabasePath, _bot.Today);
            if (violations.Count > 0)
            {
                problem = (problem is null ? "" : problem + "; ") + "stored: " + string.Join("; ", violations);
            }

            if (problem is not null)
            {
                failures.Add($"#{i} /mycase {description}: {problem}");
            }

            saved += changed ? 1 : 0;
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // The generator must reach the saving path too, not only refusals.
        Assert.True(saved >= Cases / 50, $"only {saved} generated cases saved something");
    }

    /// <summary>What the reply says and what the rows show must agree; null when they do.</summary>
    private static string? Check(Captured reply, string before, string after, string subcommand, DateOnly? expectedDate, out bool changed)
    {
        changed = before != after;
        if (reply.Responses.Count != 1 || !reply.Edits.IsEmpty || !reply.FollowUps.IsEmpty)
        {
            return $"{reply.Responses.Count} responses, {reply.Edits.Count} edits, {reply.FollowUps.Count} follow-ups";
        }

        var response = reply.Response;
        if (response.Type != InteractionCallbackType.ChannelMessageWithSource || response.Data is null)
        {
            return $"answered with {response.Type}";
        }

        try
        {
            OpenApiSchemaValidator.Discord.AssertValidRequestBody("create_interaction_response", reply.Json);
        }
        catch (Xunit.Sdk.XunitException invalid)
        {
            return "Discord would refuse the reply: " + invalid.Message;
        }

        if (EmbedLimits.Violations(response.Data.Embeds ?? []) is { Count: > 0 } limits)
        {
            return "embed limits: " + string.Join(", ", limits);
        }

        var text = reply.AllText;
        if (text.Contains("Something went wrong", StringComparison.Ordinal) || text.Contains("took too long", StringComparison.Ordinal))
        {
            return "generic error: " + response.Data.Content;
        }

        var isError = response.Data.Embeds is null or [];
        if (isError)
        {
            if (!reply.Ephemeral)
            {
                return "an error message that is not ephemeral";
            }

            if (string.IsNullOrWhiteSpace(response.Data.Content))
            {
                return "an empty message";
            }

            return changed ? "refused, yet the case changed: " + response.Data.Content : null;
        }

        // A saved update records exactly the date the member typed, as the date parser reads it.
        if (subcommand == "update" && expectedDate is { } date && !after.Contains(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            return $"update accepted, but {date:yyyy-MM-dd} is not stored";
        }

        return subcommand is "show" && changed ? "show changed the case" : null;
    }

    private async Task<string> SnapshotAsync(ulong member)
    {
        var (_, cases) = await StoredCaseAudit.ReadAsync(_bot.DatabasePath, _bot.Today);
        var own = cases.SingleOrDefault(c => c.OwnerId == member);
        if (own is null)
        {
            return "no case";
        }

        var dates = string.Join(' ', WireNames.AllMilestones.Select(m => $"{m.Name}={own.Timeline.Get(m.Value)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        return $"#{own.CaseNumber} v{own.Version} {own.Type} {own.Status} x{own.Applicants} {own.CentreCode} visible={own.Visible} {dates} history={own.History.Count}";
    }

    // ---- The generator ----

    private static (string Description, InteractionOption Sub, DateOnly? ExpectedDate) Generate(Random random)
    {
        var today = new DateOnly(2024, 6, 1);
        switch (random.Next(10))
        {
            case 0 or 1 or 2:
            {
                var date = DateText(random);
                List<InteractionOption> options = [date, Text("type", Pick(random, "initial", "renewal", null)), Text("status", Pick(random, "ca-citizen", "us-pr", null))];
                if (random.Next(2) == 0)
                {
                    options.Add(Number("applicants", random));
                }

                if (random.Next(2) == 0)
                {
                    options.Add(Text("centre", Pick(random, "us-wa-blaine", "Lansdowne", "pearson", null)));
                }

                return Build("start", options, random, null);
            }

            case 3 or 4 or 5 or 6:
            {
                var date = DateText(random);
                var parsed = date.Value is { ValueKind: JsonValueKind.String } element && element.GetString() is { } typed
                    ? DateInput.Parse(typed, today) is { IsSuccess: true } ok ? ok.Value : (DateOnly?)null
                    : null;
                return Build("update", [Text("milestone", MilestoneText(random)), date], random, parsed);
            }

            case 7:
                return Build("clear", [Text("milestone", MilestoneText(random))], random, null);
            case 8:
                return Build("privacy", [random.Next(3) switch
                {
                    0 => Boolean("visible", random.Next(2) == 0),
                    1 => Raw("visible", ApplicationCommandOptionType.Boolean, Pick(random, "\"true\"", "1", "null", "{}", "[]")!),
                    _ => Raw("visible", ApplicationCommandOptionType.Boolean, "false"),
                }], random, null);
            default:
                return Build("show", [], random, null);
        }
    }

    private static (string, InteractionOption, DateOnly?) Build(string name, List<InteractionOption> options, Random random, DateOnly? expected)
    {
        // Sometimes an option goes missing (required or not), or an unknown one comes along.
        if (options.Count > 0 && random.Next(12) == 0)
        {
            options.RemoveAt(random.Next(options.Count));
        }

        if (random.Next(20) == 0)
        {
            options.Add(String("not-an-option", "x"));
        }

        var describe = string.Join(' ', options.Select(o => $"{o.Name}:{Shorten(o.Value?.GetRawText() ?? "null")}"));
        return ($"{name} {describe}", SubCommand(name, [.. options]), expected);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + $"…({text.Length})" : text;

    /// <summary>A string option whose text is <paramref name="choice"/>, or any hostile text when it is null.</summary>
    private static InteractionOption Text(string name, string? choice) => String(name, choice ?? "");

    private static InteractionOption Raw(string name, ApplicationCommandOptionType type, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new InteractionOption { Name = name, Type = type, Value = document.RootElement.Clone() };
    }

    private static string? Pick(Random random, params string?[] values)
    {
        var value = values[random.Next(values.Length)];
        return value ?? HostileText(random);
    }

    private static InteractionOption Number(string name, Random random) => random.Next(12) switch
    {
        0 => Integer(name, random.Next(1, 11)),
        1 => Integer(name, random.Next(-5, 20)),
        2 => Integer(name, long.MaxValue),
        3 => Integer(name, long.MinValue),
        4 => Raw(name, ApplicationCommandOptionType.Integer, "9007199254740993"),
        5 => Raw(name, ApplicationCommandOptionType.Integer, "1.5"),
        6 => Raw(name, ApplicationCommandOptionType.Integer, "1e308"),
        7 => Raw(name, ApplicationCommandOptionType.Integer, "\"3\""),
        8 => Raw(name, ApplicationCommandOptionType.Integer, "true"),
        9 => Raw(name, ApplicationCommandOptionType.Integer, "-0"),
        10 => Raw(name, ApplicationCommandOptionType.Integer, "18446744073709551616"),
        _ => Integer(name, 0),
    };

    private static string MilestoneText(Random random) => random.Next(6) switch
    {
        0 => HostileText(random),
        1 => Pick(random, "INTERVIEW", "interview ", " card", "Approved", "inter­view", "ｃａｒｄ")!,
        _ => WireNames.AllMilestoneInputs[random.Next(WireNames.AllMilestoneInputs.Count)].Name,
    };

    private static InteractionOption DateText(Random random)
    {
        var day = new DateOnly(2001, 6, 1).AddDays(random.Next(0, 365 * 25));
        var text = random.Next(14) switch
        {
            0 or 1 or 2 or 3 => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            4 => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            5 => day.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
            6 => Pick(random, "today", "yesterday", "tomorrow", "TODAY", " today ", "last week")!,
            7 => Pick(random, "2024-02-30", "2023-02-29", "2024-13-01", "0001-01-01", "9999-12-31", "1900-01-01", "2001-12-31", "2002-01-01", "2025-12-01", "2099-01-01")!,
            8 => Pick(random, "2024-5-1", "20240501", "2024-05-01T00:00:00Z", "2024/05/01", "2024.05.01", "01.05.2024", "May 1st 2024", "1 Mai 2024")!,
            9 => Pick(random, "２０２４-０５-０１", "٢٠٢٤-٠٥-٠١", "2024‐05‐01", "2024−05−01", "2024-05-01\u200B", "\u202E10-50-4202")!,
            10 => Pick(random, "-2024-05-01", "+2024-05-01", "2024-05-01-", "99999-01-01", "2024-00-10", "2024-05-00", "2024-05-32")!,
            _ => HostileText(random),
        };
        // Now and then the date arrives as the wrong JSON kind.
        return random.Next(25) switch
        {
            0 => Raw("date", ApplicationCommandOptionType.String, "20240501"),
            1 => Raw("date", ApplicationCommandOptionType.String, "null"),
            2 => Raw("date", ApplicationCommandOptionType.String, "[\"2024-05-01\"]"),
            _ => String("date", text),
        };
    }

    private static string HostileText(Random random) => random.Next(9) switch
    {
        0 => "",
        1 => new string(' ', random.Next(1, 5)),
        2 => new string('9', random.Next(41, 7000)),
        3 => Unicode(random, random.Next(1, 50)),
        4 => Unicode(random, random.Next(2000, 7000)),
        5 => Pick(random, "'; DROP TABLE cases; --", "\" OR 1=1 --", "1; DELETE FROM case_history", "Robert'); DROP TABLE cases;--", "' UNION SELECT token FROM x --")!,
        6 => Pick(random, "@everyone", "<@554211842457600005>", "<@&1>", "@here", "[click](https://example.com)", "`` ` ``", "||spoiler||", "**bold**")!,
        7 => Pick(random, "${jndi:ldap://x/a}", "{{7*7}}", "%s%s%n", "../../../etc/passwd", "<script>alert(1)</script>", "\r\n\r\nHTTP/1.1 200 OK", "\\u0000", "NaN")!,
        _ => "\0\u0001\u001F\u007F",
    };

    private static string Unicode(Random random, int length)
    {
        (int From, int To)[] ranges =
        [
            (0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x590, 0x6FF), (0x900, 0x97F), (0x3040, 0x30FF), (0x4E00, 0x9FFF),
            (0x200B, 0x200F), (0x202A, 0x202E), (0xFE00, 0xFE0F), (0xFF01, 0xFF5E), (0x1F300, 0x1FAFF), (0x1D400, 0x1D7FF), (0xE0000, 0xE007F),
        ];
        var builder = new StringBuilder(length * 2);
        while (builder.Length < length)
        {
            var (from, to) = ranges[random.Next(ranges.Length)];
            builder.Append(char.ConvertFromUtf32(random.Next(from, to + 1)));
        }

        return builder.ToString();
    }
}
