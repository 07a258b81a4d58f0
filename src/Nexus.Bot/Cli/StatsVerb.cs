using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Stats;
using Nexus.Bot.Hosting;
using Nexus.Bot.Shell;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;
using Nexus.Domain.Storage.Migrations;

namespace Nexus.Bot.Cli;

/// <summary>
/// <c>stats --json</c>: the figures of <c>/stats</c> as JSON, and nothing else on stdout; <c>stats --png FILE</c>:
/// the <c>/stats</c> chart of the same filters written to FILE, its full path printed.
/// </summary>
internal static class StatsVerb
{
    public static Command Create(VerbContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var png = new Option<string?>("--png") { Description = "Write the /stats chart as a PNG to this file, and print its path.", HelpName = "FILE" };
        var database = CliOptions.Database();
        var server = new Option<string>("--server")
        {
            Description = "The server, by the name the shell's :server gave it.",
            HelpName = "NAME",
            DefaultValueFactory = _ => LocalIds.DefaultServer,
        };
        var today = CliOptions.Date("--today", "The day to compute for (default: today, UTC).");
        var type = new Option<ApplicationType?>("--type")
        {
            Description = "Only this application type (default: initial).",
            HelpName = string.Join('|', WireNames.AllTypes.Select(t => t.Name)),
            CustomParser = ParseType,
        };
        var status = new Option<ApplicantStatus?>("--status")
        {
            Description = "Only applicants with this status.",
            HelpName = string.Join('|', WireNames.AllStatuses.Select(s => s.Name)),
            CustomParser = ParseStatus,
        };
        var centre = new Option<string?>("--centre") { Description = "Only this enrolment centre, by code.", HelpName = "CODE" };
        centre.Validators.Add(result =>
        {
            var code = result.GetValueOrDefault<string?>();
            if (code is not null && EnrolmentCentres.Default.Find(code) is null)
            {
                result.AddError($"--centre takes a centre code such as us-wa-blaine, not '{code}'.");
            }
        });
        var since = CliOptions.Date("--since", "Only cases applied on or after this day (default: the last two years).");
        var locale = CliOptions.Locale();

        var command = new Command("stats", "Print the /stats figures of a server as JSON, or write its chart as a PNG.")
        {
            json, png, database, server, today, type, status, centre, since, locale,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(json) is null) == (result.GetResult(png) is null))
            {
                result.AddError("'stats' prints JSON (--json) or writes the chart (--png FILE): give one of them.");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            parse.GetValue(png),
            parse.GetValue(database),
            parse.GetValue(server)!,
            parse.GetValue(today),
            new StatsFilter(parse.GetValue(type), parse.GetValue(status), parse.GetValue(centre), parse.GetValue(since)),
            parse.GetValue(locale)!,
            cancellationToken));
        return command;
    }

    private static ApplicationType? ParseType(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (WireNames.TryParseType(text, out var type))
        {
            return type;
        }

        result.AddError($"--type takes {string.Join(" or ", WireNames.AllTypes.Select(t => t.Name))}, not '{text}'.");
        return null;
    }

    private static ApplicantStatus? ParseStatus(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (WireNames.TryParseStatus(text, out var status))
        {
            return status;
        }

        result.AddError($"--status takes one of {string.Join(", ", WireNames.AllStatuses.Select(s => s.Name))}, not '{text}'.");
        return null;
    }

    private static async Task<int> RunAsync(VerbContext context, string? png, string? database, string server, DateOnly? today, StatsFilter filter, string locale, CancellationToken cancellationToken)
    {
        // The chart's labels follow the language asked for; the JSON is for machines and keeps its English names.
        using var language = Languages.Use(Languages.For(locale));
        var clock = new ShellClock();
        clock.SetToday(today);
        using var host = NexusHost.BuildToolHost(context.Configuration, services => services.AddSingleton<TimeProvider>(clock), LogLevel.Warning, database);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var guildId = LocalIds.Server(server);
        var report = await host.Services.GetRequiredService<StatsService>().GetStatsAsync(guildId, filter, cancellationToken);
        if (png is not null)
        {
            var chart = host.Services.GetRequiredService<StatsChart>().Render(report);
            if (chart is null)
            {
                await context.Terminal.Error.WriteLineAsync("No chart: these filters have nothing to draw, or charts can't be drawn here (SkiaSharp's native library or every font failed to load).");
                return NexusHost.ExitChartUnavailable;
            }

            var path = Path.GetFullPath(png);
            await File.WriteAllBytesAsync(path, chart, cancellationToken);
            await context.Terminal.Output.WriteLineAsync(path);
            return NexusHost.ExitOk;
        }

        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            StatsJsonWriter.Write(json, server, guildId, report);
        }

        await context.Terminal.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return NexusHost.ExitOk;
    }
}
