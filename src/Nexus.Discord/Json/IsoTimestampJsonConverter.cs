using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Discord.Json;

/// <summary>
/// Embed timestamps: ISO 8601 on the wire. We always write UTC with milliseconds and a <c>Z</c>
/// (the form Discord's docs show), so golden JSON stays byte-stable whatever offset the value had.
/// </summary>
public sealed class IsoTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("A timestamp must be a string."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
