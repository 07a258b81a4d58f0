using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nexus.Testing.OpenApi;

/// <summary>
/// A small JSON Schema validator for the subset Discord's <c>openapi.json</c> uses: <c>$ref</c> to
/// <c>#/components/schemas</c>, <c>type</c> (also arrays of types, and "null"), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c> (false or a schema), <c>min/maxProperties</c>, <c>enum</c>,
/// <c>const</c>, <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>, <c>min/maxLength</c>, <c>items</c>,
/// <c>min/maxItems</c>, <c>uniqueItems</c>, <c>minimum</c>/<c>maximum</c> and <c>pattern</c>. <c>format</c>
/// and descriptive keywords are ignored. Errors name the JSON path.
/// </summary>
public sealed class OpenApiSchemaValidator
{
    private static readonly Lazy<OpenApiSchemaValidator> Fixture = new(() => Load(FixturePaths.OpenApi));

    private readonly JsonDocument _spec;
    private readonly JsonElement _schemas;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private OpenApiSchemaValidator(JsonDocument spec)
    {
        _spec = spec;
        _schemas = spec.RootElement.GetProperty("components").GetProperty("schemas");
    }

    /// <summary>The validator for <c>tests/fixtures/discord/openapi.json</c> (loaded once).</summary>
    public static OpenApiSchemaValidator Discord => Fixture.Value;

    /// <summary>Loads a spec file.</summary>
    public static OpenApiSchemaValidator Load(string path) => new(JsonDocument.Parse(File.ReadAllBytes(path)));

    /// <summary>Errors of <paramref name="json"/> against <c>#/components/schemas/{schemaName}</c>; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string json, string schemaName)
    {
        using var document = JsonDocument.Parse(json);
        return Validate(document.RootElement, schemaName);
    }

    /// <summary>Errors of <paramref name="instance"/> against <c>#/components/schemas/{schemaName}</c>; empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance, string schemaName)
    {
        if (!_schemas.TryGetProperty(schemaName, out var schema))
        {
            throw new ArgumentException($"openapi.json has no schema '{schemaName}'.", nameof(schemaName));
        }

        var errors = new List<string>();
        Check(instance, schema, "$", null, errors);
        return errors;
    }

    /// <summary>
    /// Errors of <paramref name="json"/> against the JSON request body of the operation
    /// <paramref name="operationId"/> (e.g. <c>create_interaction_response</c>, <c>execute_webhook</c>).
    /// </summary>
    public IReadOnlyList<string> ValidateRequestBody(string operationId, string json) => ValidateRequestBody(operationId, json, "application/json");

    /// <summary>
    /// Errors of <paramref name="json"/> against the request body of <paramref name="operationId"/> for
    /// <paramref name="mediaType"/> (<c>multipart/form-data</c> bodies are checked as the object of their fields).
    /// </summary>
    public IReadOnlyList<string> ValidateRequestBody(string operationId, string json, string mediaType)
    {
        var schema = FindRequestSchema(operationId, mediaType);
        using var document = JsonDocument.Parse(json);
        var errors = new List<string>();
        Check(document.RootElement, schema, "$", null, errors);
        return errors;
    }

    /// <summary>Fails the test with every error when <paramref name="json"/> does not match the schema.</summary>
    public void AssertValid(string json, string schemaName)
    {
        var errors = Validate(json, schemaName);
        Xunit.Assert.True(errors.Count == 0, $"{schemaName}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}{Environment.NewLine}{json}");
    }

    /// <summary>Fails the test with every error when <paramref name="json"/> is not a valid request body of <paramref name="operationId"/>.</summary>
    public void AssertValidRequestBody(string operationId, string json)
    {
        var errors = ValidateRequestBody(operationId, json);
        Xunit.Assert.True(errors.Count == 0, $"{operationId}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}{Environment.NewLine}{json}");
    }

    private JsonElement FindRequestSchema(string operationId, string mediaType)
    {
        foreach (var path in _spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object
                    && operation.Value.TryGetProperty("operationId", out var id)
                    && id.GetString() == operationId)
                {
                    return operation.Value.GetProperty("requestBody").GetProperty("content").GetProperty(mediaType).GetProperty("schema");
                }
            }
        }

        throw new ArgumentException($"openapi.json has no operation '{operationId}'.", nameof(operationId));
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            const string prefix = "#/components/schemas/";
            var target = reference.GetString()!;
            if (!target.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"Only {prefix} references are supported, not {target}.");
            }

            schema = _schemas.GetProperty(target[prefix.Length..]);
        }

        return schema;
    }

    private void Check(JsonElement instance, JsonElement schema, string path, string? propertyName, List<string> errors)
    {
        schema = Resolve(schema);
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here.");
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(instance, type, propertyName))
        {
            errors.Add($"{path}: {Describe(instance)} is not of type {type.GetRawText()}.");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonEquals(a, instance)))
        {
            errors.Add($"{path}: {instance.GetRawText()} is not one of {allowed.GetRawText()}.");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonEquals(constant, instance))
        {
            errors.Add($"{path}: {instance.GetRawText()} is not {constant.GetRawText()}.");
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Check(instance, part, path, propertyName, errors);
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var failures = new List<string>();
            if (!anyOf.EnumerateArray().Any(part => Passes(instance, part, path, propertyName, failures)))
            {
                errors.Add($"{path}: matches none of anyOf ({string.Join(" | ", failures)}).");
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var failures = new List<string>();
            var matches = oneOf.EnumerateArray().Count(part => Passes(instance, part, path, propertyName, failures));
            if (matches != 1)
            {
                errors.Add(matches == 0
                    ? $"{path}: matches none of oneOf ({string.Join(" | ", failures)})."
                    : $"{path}: matches {matches} branches of oneOf, not exactly one.");
            }
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(instance, schema, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(instance, schema, path, errors);
                break;
            case JsonValueKind.String:
                CheckString(instance.GetString()!, schema, path, propertyName, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(instance, schema, path, errors);
                break;
        }
    }

    private bool Passes(JsonElement instance, JsonElement schema, string path, string? propertyName, List<string> failures)
    {
        var branch = new List<string>();
        Check(instance, schema, path, propertyName, branch);
        if (branch.Count > 0)
        {
            failures.Add(branch[0]);
        }

        return branch.Count == 0;
    }

    private void CheckObject(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: required property '{name}' is missing.");
                }
            }
        }

        var count = 0;
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            count++;
            var childPath = $"{path}.{property.Name}";
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, childPath, property.Name, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{childPath}: property is not allowed.");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(property.Value, additional, childPath, property.Name, errors);
            }
        }

        if (schema.TryGetProperty("minProperties", out var min) && count < min.GetInt32())
        {
            errors.Add($"{path}: has {count} properties, fewer than {min.GetInt32()}.");
        }

        if (schema.TryGetProperty("maxProperties", out var max) && count > max.GetInt32())
        {
            errors.Add($"{path}: has {count} properties, more than {max.GetInt32()}.");
        }
    }

    private void CheckArray(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        var length = instance.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && length < min.GetInt32())
        {
            errors.Add($"{path}: has {length} items, fewer than {min.GetInt32()}.");
        }

        if (schema.TryGetProperty("maxItems", out var max) && length > max.GetInt32())
        {
            errors.Add($"{path}: has {length} items, more than {max.GetInt32()}.");
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean())
        {
            var items = instance.EnumerateArray().ToList();
            for (var i = 0; i < items.Count; i++)
            {
                for (var j = i + 1; j < items.Count; j++)
                {
                    if (JsonEquals(items[i], items[j]))
                    {
                        errors.Add($"{path}: items {i} and {j} are equal but must be unique.");
                    }
                }
            }
        }

        if (schema.TryGetProperty("items", out var itemSchema))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Check(item, itemSchema, $"{path}[{index++}]", null, errors);
            }
        }
    }

    private void CheckString(string value, JsonElement schema, string path, string? propertyName, List<string> errors)
    {
        // JSON Schema counts characters as code points, not UTF-16 units.
        var length = value.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
        {
            errors.Add($"{path}: is {length} characters, shorter than {min.GetInt32()}.");
        }

        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
        {
            errors.Add($"{path}: is {length} characters, longer than {max.GetInt32()}.");
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            var regex = _patterns.GetOrAdd(pattern.GetString()!, p => new Regex(p, RegexOptions.CultureInvariant));
            if (!regex.IsMatch(value))
            {
                errors.Add($"{path}: \"{value}\" does not match {pattern.GetString()}.");
            }
        }

        // See MatchesType: a numeric string standing for an integer is held to the integer's bounds.
        if (propertyName == "default_member_permissions" && decimal.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            CheckBounds(number, schema, path, errors);
        }
    }

    private static void CheckNumber(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        if (instance.TryGetDecimal(out var number))
        {
            CheckBounds(number, schema, path, errors);
        }
    }

    private static void CheckBounds(decimal number, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && min.TryGetDecimal(out var minimum) && number < minimum)
        {
            errors.Add($"{path}: {number} is less than {minimum}.");
        }

        if (schema.TryGetProperty("maximum", out var max) && max.TryGetDecimal(out var maximum) && number > maximum)
        {
            errors.Add($"{path}: {number} is greater than {maximum}.");
        }
    }

    private static bool MatchesType(JsonElement instance, JsonElement type, string? propertyName) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => MatchesType(instance, t.GetString()!, propertyName))
            : MatchesType(instance, type.GetString()!, propertyName);

    private static bool MatchesType(JsonElement instance, string type, string? propertyName) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => IsInteger(instance)
            // Known spec/docs difference (reference README §12): the spec types default_member_permissions as
            // an integer, while Discord's docs (and our client) send a decimal string of permission bits,
            // which the API accepts. Only for that property, a string of digits counts as an integer.
            || (propertyName == "default_member_permissions" && instance.ValueKind == JsonValueKind.String && IsDigits(instance.GetString()!)),
        _ => throw new NotSupportedException($"Unknown JSON Schema type '{type}'."),
    };

    private static bool IsInteger(JsonElement instance) =>
        instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out var number) && number == decimal.Truncate(number);

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static bool JsonEquals(JsonElement left, JsonElement right)
    {
        if (left.ValueKind == JsonValueKind.Number && right.ValueKind == JsonValueKind.Number)
        {
            return left.TryGetDecimal(out var a) && right.TryGetDecimal(out var b) ? a == b : left.GetDouble().Equals(right.GetDouble());
        }

        return JsonElement.DeepEquals(left, right);
    }

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.String => $"string \"{instance.GetString()}\"",
        JsonValueKind.Number => $"number {instance.GetRawText()}",
        _ => instance.ValueKind.ToString().ToLowerInvariant(),
    };
}
