using System.Globalization;
using Microsoft.Extensions.Logging;
using Nexus.Bot.Localization;
using Nexus.Domain.Statistics;
using ScottPlot;
using SkiaSharp;

namespace Nexus.Bot.Commands.Stats;

/// <summary>
/// Draws the <c>/stats</c> chart as a PNG for Discord's dark theme, readable at 400 px wide on a phone: on
/// top, "still waiting" curves (Kaplan–Meier) of each stage with enough data, each median marked where the
/// curve crosses one half; below, the median wait for conditional approval by application month, only the
/// months that have one. Axes in plain words, weeks or months, and month names.
/// </summary>
/// <remarks>
/// ScottPlot draws on SkiaSharp, which needs its native library and at least one font. Both are checked
/// once, on first use (at start for the bot): if either is missing, one warning is logged and
/// <see cref="Render"/> returns null for good, so <c>/stats</c> keeps its text trend. A drawing that fails
/// later is logged and answered with null the same way: a reply never fails because of its chart.
/// </remarks>
public sealed partial class StatsChart
{
    /// <summary>The file name the chart is sent as (the embed shows <c>attachment://stats.png</c>).</summary>
    public const string FileName = "stats.png";

    /// <summary>Width of the image in pixels: twice the 400 px a phone shows, so it stays sharp.</summary>
    public const int Width = 800;

    /// <summary>Height of the image in pixels.</summary>
    public const int Height = 960;

    // Discord's dark theme: the embed background and its text, grid lines one step lighter.
    private static readonly Color Background = Color.FromHex("#2B2D31");
    private static readonly Color Ink = Color.FromHex("#DBDEE1");
    private static readonly Color Faint = Color.FromHex("#4E5058");

    // One colour per stage, in StageNames.All order, distinguishable on the dark background and by most colour-blind readers.
    private static readonly Color[] StageColours =
    [
        Color.FromHex("#5865F2"),
        Color.FromHex("#F0B232"),
        Color.FromHex("#23A55A"),
        Color.FromHex("#EB459E"),
        Color.FromHex("#DBDEE1"),
    ];

    private static string[] ShortNames => [Strings.Chart_ToConditional, Strings.Chart_ToInterview, Strings.Chart_ToApproval, Strings.Chart_ToCard, Strings.Chart_WholeProcess];

    // A plain sans-serif reads best small; the first family installed here, else whatever SkiaSharp's default is.
    private static readonly Lazy<string> SansFont = new(() =>
        new[] { "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial" }
            .FirstOrDefault(name => SKFontManager.Default.MatchFamily(name) is { } typeface && typeface.FamilyName == name && Dispose(typeface))
        ?? Fonts.Default);

    private readonly ILogger<StatsChart> _logger;
    private readonly Lazy<bool> _available;

    /// <summary>Creates the renderer; <paramref name="probe"/> replaces the native library and font check (for tests).</summary>
    public StatsChart(ILogger<StatsChart> logger, Func<string?>? probe = null)
    {
        _logger = logger;
        _available = new Lazy<bool>(() => Check(probe ?? ProbeSkia), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True when charts can be drawn here (checked once; the first call may take a moment).</summary>
    public bool Available => _available.Value;

    /// <summary>True when <paramref name="report"/> has something to draw: a stage's curve or a month's median.</summary>
    public static bool HasContent(StatsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Stages.Any(s => s.Curve.Count > 1) || report.Trend.Any(p => p.Median is not null);
    }

    /// <summary>
    /// The chart of <paramref name="report"/> as PNG bytes, or null when charts can't be drawn here or the
    /// report has nothing to draw (<see cref="HasContent"/>).
    /// </summary>
    public byte[]? Render(StatsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!HasContent(report) || !Available)
        {
            return null;
        }

        try
        {
            return Draw(report);
        }
#pragma warning disable CA1031 // A chart that fails to draw must not fail the reply: the text trend stands in.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogDrawFailed(_logger, error);
            return null;
        }
    }

    private bool Check(Func<string?> probe)
    {
        string? problem;
        try
        {
            problem = probe();
        }
#pragma warning disable CA1031 // Any failure to load the native library means the same: no charts, text instead.
        catch (Exception error)
#pragma warning restore CA1031
        {
            problem = error.GetType().Name + ": " + error.Message;
        }

        if (problem is not null)
        {
            LogUnavailable(_logger, problem);
            return false;
        }

        return true;
    }

    // Loads the native library (the first SkiaSharp call does) and looks for a font to write with.
    private static string? ProbeSkia()
    {
        using var surface = SKSurface.Create(new SKImageInfo(4, 4));
        if (surface is null)
        {
            return "SkiaSharp could not create a drawing surface.";
        }

        return SKFontManager.Default.FontFamilyCount == 0 ? "no font is installed (fontconfig found none)." : null;
    }

    private static byte[] Draw(StatsReport report)
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(Background.R, Background.G, Background.B));

        const int split = 560;
        Panel(canvas, CurvesPlot(report), 0, split);
        Panel(canvas, TrendPlot(report), split, Height - split);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    // Each plot draws on a surface of its own (a plot clears what it draws on), then goes in its place.
    private static void Panel(SKCanvas canvas, Plot plot, int top, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        plot.Render(surface.Canvas, Width, height);
        using var image = surface.Snapshot();
        canvas.DrawImage(image, 0, top);
    }

    private static Plot CurvesPlot(StatsReport report)
    {
        var plot = DarkPlot();
        plot.Title(Strings.Chart_StillWaiting, 34);
        var longest = 0.0;
        var drawn = 0;
        for (var i = 0; i < report.Stages.Count; i++)
        {
            var stage = report.Stages[i];
            if (stage.Curve.Count < 2)
            {
                continue;
            }

            var unitDays = CurveUnitDays(report);
            var xs = stage.Curve.Select(p => p.Day / unitDays).ToArray();
            var ys = stage.Curve.Select(p => p.StillWaiting * 100).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 4;
            line.Color = StageColours[(int)stage.Stage % StageColours.Length];
            line.LegendText = ShortNames[(int)stage.Stage % ShortNames.Length];
            longest = Math.Max(longest, xs[^1]);
            drawn++;

            if (stage.Median is { MoreThan: false } median)
            {
                var mark = plot.Add.Marker(median.Days / unitDays, 50);
                mark.Size = 18;
                mark.Color = line.Color;
            }
        }

        var half = plot.Add.HorizontalLine(50);
        half.Color = Faint;
        half.LineWidth = 2;
        half.LinePattern = LinePattern.Dashed;

        plot.XLabel(CurveUnitDays(report) >= WaitText.DaysPerMonth ? Strings.Chart_MonthsSince : Strings.Chart_WeeksSince, 28);
        plot.YLabel(Strings.Chart_PercentWaiting, 28);
        plot.Axes.SetLimits(0, Math.Max(1, longest), 0, 100);
        if (drawn > 0)
        {
            plot.ShowLegend(Alignment.UpperRight);
            plot.Legend.FontSize = 24;
            plot.Legend.FontColor = Ink;
            plot.Legend.BackgroundColor = Background;
            plot.Legend.OutlineColor = Faint;
        }
        else
        {
            var note = plot.Add.Text(Strings.Chart_NotEnough, 0.5, 50);
            note.LabelFontSize = 26;
            note.LabelFontColor = Ink;
        }

        return plot;
    }

    private static Plot TrendPlot(StatsReport report)
    {
        var plot = DarkPlot();
        plot.Title(Strings.Chart_TrendTitle, 34);
        var months = report.Trend.Where(p => p.Median is not null).ToList();
        var unitDays = months.Count > 0 && months.Max(p => p.Median!.Days) >= WaitText.MonthsFromDays ? WaitText.DaysPerMonth : 7.0;
        var ticks = new List<Tick>();
        var position = 0;
        foreach (var point in months)
        {
            var median = point.Median!;
            var bar = plot.Add.Bar(position, median.Days / unitDays);
            bar.Bars[0].FillColor = median.MoreThan ? StageColours[0].WithAlpha(0.45) : StageColours[0];
            bar.Bars[0].LineWidth = 0;
            bar.Bars[0].Label = (median.MoreThan ? ">" : string.Empty) + WaitText.Count(median.Days, unitDays >= 28 ? WaitUnit.Months : WaitUnit.Weeks, median.MoreThan).ToString(CultureInfo.InvariantCulture);
            bar.ValueLabelStyle.FontSize = 24;
            bar.ValueLabelStyle.ForeColor = Ink;
            var label = point.Month.Month == 1 || position == 0
                ? point.Month.ToString("MMM\nyyyy", Languages.Current)
                : point.Month.ToString("MMM", Languages.Current);
            ticks.Add(new Tick(position, label));
            position++;
        }

        if (months.Count == 0)
        {
            var note = plot.Add.Text(Strings.Chart_NotEnough, 0, 0.5);
            note.LabelFontSize = 26;
            note.LabelFontColor = Ink;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.YLabel(unitDays >= 28 ? Strings.Chart_MonthsMedian : Strings.Chart_WeeksMedian, 28);
        plot.XLabel(Strings.Chart_MonthApplied, 28);
        plot.Axes.Margins(bottom: 0, top: 0.18);
        plot.Axes.SetLimitsX(-0.6, Math.Max(months.Count, 3) - 0.4);
        return plot;
    }

    // Weeks on the curves' axis, or months once the longest curve runs past about eight months.
    private static double CurveUnitDays(StatsReport report) =>
        report.Stages.Where(s => s.Curve.Count > 0).Select(s => s.Curve[^1].Day).DefaultIfEmpty(0).Max() > 240 ? WaitText.DaysPerMonth : 7.0;

    private static Plot DarkPlot()
    {
        var plot = new Plot();
        plot.Font.Set(SansFont.Value);
        plot.FigureBackground.Color = Background;
        plot.DataBackground.Color = Background;
        plot.Axes.Color(Ink);
        plot.Grid.MajorLineColor = Faint.WithAlpha(0.6);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 24;
        plot.Axes.Left.TickLabelStyle.FontSize = 24;
        plot.Axes.Title.Label.ForeColor = Ink;
        return plot;
    }

    private static bool Dispose(SKTypeface typeface)
    {
        typeface.Dispose();
        return true;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Charts are off: {Problem} /stats shows its text trend instead.")]
    private static partial void LogUnavailable(ILogger logger, string problem);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "A /stats chart could not be drawn; the reply goes without it.")]
    private static partial void LogDrawFailed(ILogger logger, Exception error);
}
