using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Discord.Json;

/// <summary>
/// A choice value is a string, an integer or a double. Keeping it as <see cref="object"/> with this
/// converter avoids reflection-based polymorphism, which source-generated JSON cannot do.
/// </summary>
public sealed class ChoiceValueJsonConverter : JsonConverter<object>
{
    /// <inheritdoc />
    public override object Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number when reader.TryGetInt64(out var whole) => whole,
        JsonTokenType.Number => reader.GetDouble(),
        _ => throw new JsonException("A choice value must be a string or a number."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case string text: writer.WriteStringValue(text); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case double number: writer.WriteNumberValue(number); break;
            default: throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"A choice value must be a string, an integer or a double, not {value?.GetType().Name}."));
        }
    }
}
