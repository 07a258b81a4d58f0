using System.Globalization;
using System.Text.Json;
using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Bot.Cli;

/// <summary>
/// Writes a <see cref="StatsReport"/> as the JSON document of <c>stats --json</c>: the figures <c>/stats</c>
/// shows, in days, with snake_case names, enum values as their wire names, dates as <c>YYYY-MM-DD</c> and
/// months as <c>YYYY-MM</c>. A figure that is not defined (not enough data, nobody waiting) is null, and a
/// "more than X" figure has <c>X</c> as its value and its <c>_more_than</c> flag set. Waits read off a curve may
/// be half days (the midpoint rule). Each median has its 95% interval (<c>median_ci_low</c>, <c>median_ci_high</c>,
/// Brookmeyer–Crowley). Written by hand so the
/// shape is the documented one whatever the records' property names become.
/// </summary>
internal static class StatsJsonWriter
{
    public static void Write(Utf8JsonWriter json, string serverName, ulong guildId, StatsReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteString("server", serverName);
        json.WriteString("guild_id", guildId.ToString(CultureInfo.InvariantCulture));
        json.WriteString("today", Date(report.Today));
        json.WriteNumber("data_version", report.Version);
        json.WriteNumber("minimum_finished", report.MinimumFinished);

        var filter = report.Filter;
        json.WriteStartObject("filter");
        json.WriteString("type", filter.Type.Name());
        json.WriteBoolean("type_defaulted", filter.TypeDefaulted);
        WriteStringOrNull(json, "status", filter.Status?.Name());
        WriteStringOrNull(json, "centre", filter.CentreCode);
        json.WriteString("applied_since", Date(filter.AppliedSince));
        json.WriteString("applied_until", Date(filter.AppliedUntil));
        json.WriteBoolean("period_defaulted", filter.PeriodDefaulted);
        json.WriteEndObject();

        json.WriteStartArray("stages");
        foreach (var stage in report.Stages)
        {
            json.WriteStartObject();
            json.WriteString("stage", stage.Stage.Name());
            json.WriteString("name", stage.Stage.Display());
            json.WriteBoolean("enough_data", stage.HasEnoughData);
            WriteQuantile(json, "median", stage.Median);
            WriteQuantile(json, "p25", stage.P25);
            WriteQuantile(json, "p75", stage.P75);
            WriteQuantile(json, "median_ci_low", stage.MedianInterval?.Low);
            WriteQuantile(json, "median_ci_high", stage.MedianInterval?.High);
            if (stage.AverageFinishedDays is { } average)
            {
                json.WriteNumber("average_finished_days", average);
            }
            else
            {
                json.WriteNull("average_finished_days");
            }

            json.WriteNumber("cases", stage.Cases);
            json.WriteNumber("finished", stage.Finished);
            json.WriteNumber("still_waiting", stage.StillWaiting);
            json.WriteNumber("left_without_finishing", stage.LeftWithoutFinishing);
            WriteIntOrNull(json, "longest_current_wait_days", stage.LongestCurrentWaitDays);
            json.WriteNumber("ignored", stage.Ignored);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        var now = report.NowProcessing;
        json.WriteStartObject("now_processing");
        json.WriteString("window_start", Date(now.WindowStart));
        json.WriteString("window_end", Date(now.WindowEnd));
        json.WriteNumber("conditional_approvals", now.ConditionalApprovals);
        json.WriteBoolean("enough_data", now.HasEnoughData);
        WriteStringOrNull(json, "median_application_month", Month(now.MedianApplicationMonth));
        WriteStringOrNull(json, "earliest_application_month", Month(now.EarliestApplicationMonth));
        WriteStringOrNull(json, "latest_application_month", Month(now.LatestApplicationMonth));
        json.WriteEndObject();

        json.WriteStartArray("trend");
        foreach (var point in report.Trend)
        {
            json.WriteStartObject();
            json.WriteString("month", Month(point.Month));
            WriteQuantile(json, "median", point.Median);
            json.WriteNumber("cases", point.Cases);
            json.WriteNumber("finished", point.Finished);
            json.WriteNumber("still_waiting", point.StillWaiting);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteQuantile(Utf8JsonWriter json, string name, WaitQuantile? value)
    {
        if (value is null)
        {
            json.WriteNull(name + "_days");
        }
        else
        {
            json.WriteNumber(name + "_days", value.Days);
        }

        json.WriteBoolean(name + "_more_than", value?.MoreThan ?? false);
    }

    private static void WriteIntOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Month(DateOnly? month) => month?.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
