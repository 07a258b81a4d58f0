using System.Globalization;

namespace Nexus.Bot.Localization;

/// <summary>
/// The languages Nexus speaks and how a reply picks one. A reply to one member follows that member's Discord
/// client (the interaction's <c>locale</c>); a post everyone in the server reads (the feed, a public
/// <c>/stats</c>) follows the server's language (<c>guild_locale</c>). French for any <c>fr</c> locale,
/// English otherwise.
/// </summary>
/// <remarks>
/// The language travels as <see cref="CultureInfo.CurrentUICulture"/>, the ambient culture .NET resources and
/// Humanizer read, so an embed builder needs no language parameter. Each interaction sets it on entry
/// (<see cref="Enter"/>); the host resets the process default to English, so the machine's own culture never
/// decides what members read.
/// </remarks>
public static class Languages
{
    // The server's language for the interaction being handled, beside the member's (CurrentUICulture).
    private static readonly AsyncLocal<CultureInfo?> ServerLanguage = new();

    /// <summary>English: the neutral resources, and culture-free formatting ("1 May 2024").</summary>
    public static CultureInfo English => CultureInfo.InvariantCulture;

    /// <summary>French as written in Canada ("1 mai 2024", "7 semaines").</summary>
    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr-CA");

    /// <summary>The translations, by Discord locale code: what command localisations and the parity test cover.</summary>
    public static IReadOnlyList<(string DiscordLocale, CultureInfo Culture)> Translations { get; } = [("fr", French)];

    /// <summary>The language of the reply being built: French or English.</summary>
    public static CultureInfo Current => IsFrench(CultureInfo.CurrentUICulture) ? French : English;

    /// <summary>The server's language for posts everyone reads; the member's when no interaction set it.</summary>
    public static CultureInfo Server => ServerLanguage.Value ?? Current;

    /// <summary>The language for a Discord locale (<c>fr</c>, <c>en-US</c>, …) or a shell/CLI name (<c>fr</c>, <c>en</c>).</summary>
    public static CultureInfo For(string? locale) =>
        locale is not null && (locale.Equals("fr", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
            ? French
            : English;

    /// <summary>The Discord locale code of a language: <c>fr</c>, or <c>en-US</c>.</summary>
    public static string LocaleOf(CultureInfo culture) => IsFrench(culture) ? "fr" : "en-US";

    /// <summary>
    /// Replies in <paramref name="language"/> until disposed (e.g. a public post inside a member's interaction),
    /// then restores the language before.
    /// </summary>
    public static IDisposable Use(CultureInfo language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language;
        return new Restore(() => CultureInfo.CurrentUICulture = before);
    }

    /// <summary>Enters an interaction: the member's language for replies, the server's for public posts.</summary>
    public static IDisposable Enter(string? locale, string? guildLocale)
    {
        var before = (CultureInfo.CurrentUICulture, ServerLanguage.Value);
        CultureInfo.CurrentUICulture = For(locale);
        ServerLanguage.Value = guildLocale is null ? null : For(guildLocale);
        return new Restore(() => (CultureInfo.CurrentUICulture, ServerLanguage.Value) = before);
    }

    private static bool IsFrench(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr";

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
