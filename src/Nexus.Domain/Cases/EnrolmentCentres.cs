using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nexus.Domain.Cases;

/// <summary>One interview location (a place in one role), as listed in the shipped reference file.</summary>
/// <param name="Code">The stable code stored on cases (the file's <c>id</c>), e.g. <c>us-wa-blaine</c>.</param>
/// <param name="Name">The centre's name.</param>
/// <param name="City">The city.</param>
/// <param name="ProvinceState">The province or state abbreviation, e.g. <c>ON</c> or <c>WA</c>.</param>
/// <param name="Country">The country code, <c>CA</c> or <c>US</c>.</param>
/// <param name="Kind"><c>land</c> or <c>airport</c>.</param>
/// <param name="Role">Which half of the interview happens here, e.g. <c>joint_interview</c> or <c>split_cbsa_portion</c>.</param>
/// <param name="PairedWith">The code of the centre that completes the other half, where there is one.</param>
/// <param name="AppointmentRequired">False for Enrollment on Arrival (walk-up).</param>
/// <param name="Status">Whether the centre is operating, e.g. <c>active</c>.</param>
/// <param name="Notes">Free notes from the reference file.</param>
public sealed record EnrolmentCentre(
    string Code,
    string Name,
    string City,
    string ProvinceState,
    string Country,
    string Kind,
    string Role,
    string? PairedWith,
    bool AppointmentRequired,
    string Status,
    string? Notes);

/// <summary>
/// The enrolment centres the bot knows, loaded from the reference file embedded in this assembly, with a
/// search for autocomplete. Every comparison of typed text with a centre ignores case and accents, both
/// ways: "montreal" finds "Montréal", and "Montréal" would find a "Montreal".
/// </summary>
public sealed class EnrolmentCentres
{
    private const string ResourceName = "Nexus.Domain.Reference.enrollment-centers.json";
    private static readonly Lazy<EnrolmentCentres> Shipped = new(LoadShipped);
    private readonly Dictionary<string, EnrolmentCentre> _byCode;

    // Name, city and province/state folded once (see Fold), in the order of All.
    private readonly (string Name, string City, string ProvinceState)[] _folded;

    /// <summary>Creates the list from centres already read (tests, or a future external source).</summary>
    public EnrolmentCentres(IEnumerable<EnrolmentCentre> centres)
    {
        All = [.. centres];
        _byCode = All.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _folded = [.. All.Select(c => (Fold(c.Name), Fold(c.City), Fold(c.ProvinceState)))];
    }

    /// <summary>The list shipped with the bot (read once per process).</summary>
    public static EnrolmentCentres Default => Shipped.Value;

    /// <summary>Every centre in file order.</summary>
    public IReadOnlyList<EnrolmentCentre> All { get; }

    /// <summary>The centre with this code (case-insensitive), or null.</summary>
    public EnrolmentCentre? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code.Trim(), out var centre) ? centre : null;

    /// <summary>
    /// The centre a member named exactly: its code, or its whole name (ignoring case and accents); else null.
    /// </summary>
    /// <param name="text">What the member typed.</param>
    /// <param name="nameOf">
    /// The name the member reads for a centre, when the application shows it in another language than the
    /// reference file: a member types what they read, so it matches too.
    /// </param>
    public EnrolmentCentre? FindByCodeOrName(string? text, Func<EnrolmentCentre, string>? nameOf = null)
    {
        if (Find(text) is { } byCode)
        {
            return byCode;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = Fold(text.Trim());
        for (var i = 0; i < All.Count; i++)
        {
            if (_folded[i].Name == folded || (nameOf is not null && Fold(nameOf(All[i])) == folded))
            {
                return All[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Centres whose name, city or province/state match <paramref name="query"/>, ignoring case and accents,
    /// best first: a field that starts with the query, then a word inside a field that does, then any
    /// substring; ties by name. An empty query lists the first <paramref name="max"/> centres by name.
    /// </summary>
    /// <param name="query">What the member typed so far.</param>
    /// <param name="max">How many centres at most.</param>
    /// <param name="nameOf">
    /// The name the member reads for a centre, when it is not the reference file's: it is searched as well, and
    /// ties are ordered by it.
    /// </param>
    public IReadOnlyList<EnrolmentCentre> Search(string? query, int max = 25, Func<EnrolmentCentre, string>? nameOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var q = Fold(query?.Trim() ?? string.Empty);
        var scored = new List<(int Score, string Name, EnrolmentCentre Centre)>();
        for (var i = 0; i < All.Count; i++)
        {
            var (name, city, provinceState) = _folded[i];
            var shown = nameOf?.Invoke(All[i]) ?? All[i].Name;
            var score = q.Length == 0 ? 0 : Math.Min(Score(name, q), Math.Min(Score(city, q), Score(provinceState, q)));
            if (nameOf is not null && q.Length > 0)
            {
                score = Math.Min(score, Score(Fold(shown), q));
            }

            if (score < int.MaxValue)
            {
                scored.Add((score, shown, All[i]));
            }
        }

        return [.. scored
            .OrderBy(s => s.Score)
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .Select(s => s.Centre)];
    }

    /// <summary>Reads centres from the reference JSON format (a <c>centres</c> array).</summary>
    public static EnrolmentCentres Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var centres = new List<EnrolmentCentre>();
        foreach (var item in document.RootElement.GetProperty("centres").EnumerateArray())
        {
            centres.Add(new EnrolmentCentre(
                Code: Required(item, "id"),
                Name: Required(item, "name"),
                City: Required(item, "city"),
                ProvinceState: Required(item, "province_state"),
                Country: Required(item, "country"),
                Kind: Required(item, "kind"),
                Role: Required(item, "role"),
                PairedWith: Optional(item, "paired_with"),
                AppointmentRequired: item.TryGetProperty("appointment_required", out var appointment) && appointment.ValueKind == JsonValueKind.True,
                Status: Required(item, "status"),
                Notes: Optional(item, "notes")));
        }

        return new EnrolmentCentres(centres);
    }

    /// <summary>
    /// Text as centres are compared: lower case, with accents and other combining marks removed
    /// ("Montréal" → "montreal") and typographic apostrophes made straight, so members on either keyboard
    /// find the same centre.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            // A phone keyboard types ' where a French name has ’ ("d’inscription").
            if (c is '\u2019' or '\u2018')
            {
                folded.Append('\'');
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    // Both sides are folded already, so an ordinal search is enough.
    private static int Score(string field, string query)
    {
        var at = field.IndexOf(query, StringComparison.Ordinal);
        if (at < 0)
        {
            return int.MaxValue;
        }

        if (at == 0)
        {
            return 0;
        }

        // A later occurrence may still start a word ("Toronto Pearson" for "pear").
        for (var i = at; i > 0; i = field.IndexOf(query, i + 1, StringComparison.Ordinal))
        {
            if (!char.IsLetterOrDigit(field[i - 1]))
            {
                return 1;
            }
        }

        return 2;
    }

    private static string Required(JsonElement item, string name) =>
        item.GetProperty(name).GetString() ?? throw new InvalidDataException($"Enrolment centre field '{name}' is null.");

    private static string? Optional(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static EnrolmentCentres LoadShipped()
    {
        using var stream = typeof(EnrolmentCentres).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        return Parse(stream);
    }
}
