using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Discord.Json;

/// <summary>
/// Snowflakes and permission bitfields are 64-bit and travel as JSON strings (so that languages with
/// 53-bit numbers survive them). Every <see cref="ulong"/> in our models is one of the two, so this
/// converter is registered for the whole context: strings on the wire, <see cref="ulong"/> in code.
/// Numbers are accepted on read as well, because Discord echoes ids we sent as numbers in a few places.
/// </summary>
public sealed class SnowflakeJsonConverter : JsonConverter<ulong>
{
    /// <inheritdoc />
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetUInt64();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A snowflake must be a string of digits.");
        }

        ReadOnlySpan<byte> span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        if (Utf8Parser.TryParse(span, out ulong value, out var consumed) && consumed == span.Length)
        {
            return value;
        }

        throw new JsonException("A snowflake must be a string of digits.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> buffer = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }
}
