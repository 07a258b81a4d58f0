using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nexus.Benchmarks;

/// <summary>One scenario's figures: printed as a table and written as JSON to bench/results/&lt;scenario&gt;.json.</summary>
internal sealed class Report(string scenario, string setUp)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly List<(string Name, List<(string Key, object Value)> Cells)> _rows = [];
    private readonly List<string> _notes = [];

    public void Row(string name, params (string Key, object Value)[] cells) => _rows.Add((name, [.. cells]));

    public void Note(string note) => _notes.Add(note);

    public async Task WriteAsync(TextWriter output, bool quick)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"== {scenario}{(quick ? " (--quick)" : "")} ==");
        await output.WriteLineAsync($"Set-up: {setUp}");
        await output.WriteLineAsync($"Machine: {Machine.Describe()}");
        var keys = _rows.SelectMany(r => r.Cells.Select(c => c.Key)).Distinct().ToList();
        var header = keys.Prepend("").ToList();
        var table = _rows.Select(r => keys.Select(k => Format(r.Cells.FirstOrDefault(c => c.Key == k).Value)).Prepend(r.Name).ToList()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, table.Count == 0 ? 0 : table.Max(t => t[i].Length))).ToList();
        await output.WriteLineAsync(string.Join("  ", header.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))));
        foreach (var line in table)
        {
            await output.WriteLineAsync(string.Join("  ", line.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))));
        }

        foreach (var note in _notes)
        {
            await output.WriteLineAsync($"Note: {note}");
        }

        var json = new JsonObject
        {
            ["scenario"] = scenario,
            ["quick"] = quick,
            ["measured_at"] = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            ["set_up"] = setUp,
            ["machine"] = Machine.Describe(),
            ["rows"] = new JsonArray([.. _rows.Select(r =>
            {
                var row = new JsonObject { ["name"] = r.Name };
                foreach (var (key, value) in r.Cells)
                {
                    row[key] = value switch
                    {
                        double d => JsonValue.Create(Math.Round(d, 3)),
                        int i => JsonValue.Create(i),
                        long l => JsonValue.Create(l),
                        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
                    };
                }

                return (JsonNode)row;
            })]),
            ["notes"] = new JsonArray([.. _notes.Select(n => (JsonNode)JsonValue.Create(n))]),
        };
        Directory.CreateDirectory(BenchPaths.Results);
        var path = Path.Combine(BenchPaths.Results, $"{scenario}{(quick ? ".quick" : "")}.json");
        await File.WriteAllTextAsync(path, json.ToJsonString(Indented) + Environment.NewLine);
        await output.WriteLineAsync($"Written: {Path.GetRelativePath(BenchPaths.Root, path)}");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString(d >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture),
        long or int => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>The machine the figures come from.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var gib = memory is null ? "?" : (long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {gib} GiB RAM, {RuntimeInformation.OSDescription}, "
            + $"{RuntimeInformation.FrameworkDescription}; the load generator runs on the same machine";
    }
}
