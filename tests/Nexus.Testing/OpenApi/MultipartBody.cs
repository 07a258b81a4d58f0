using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nexus.Testing.OpenApi;

/// <summary>
/// Checks a <c>multipart/form-data</c> request body the way Discord reads it (reference §1.8): a
/// <c>payload_json</c> part of type <c>application/json</c>, file parts named <c>files[n]</c> with a file
/// name, each named by one entry of the payload's <c>attachments</c>, and the payload plus the file fields
/// valid against the operation's <c>multipart/form-data</c> schema in openapi.json.
/// </summary>
public static class MultipartBody
{
    /// <summary>One part: its form name, file name, content type and bytes.</summary>
    public sealed record Part(string Name, string? FileName, string? ContentType, byte[] Content);

    /// <summary>The parts of <paramref name="body"/>, split on the boundary <paramref name="contentType"/> names.</summary>
    public static IReadOnlyList<Part> Parse(string contentType, byte[] body)
    {
        var boundaryAt = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        Xunit.Assert.True(contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) && boundaryAt > 0, contentType);
        var boundary = contentType[(boundaryAt + "boundary=".Length)..].Trim('"');
        // Latin-1 maps every byte to one char, so offsets in the text are offsets in the bytes.
        var text = Encoding.Latin1.GetString(body);
        var delimiter = "--" + boundary;
        var parts = new List<Part>();
        var at = text.IndexOf(delimiter, StringComparison.Ordinal);
        Xunit.Assert.True(at >= 0, "no boundary in the body");
        while (true)
        {
            at += delimiter.Length;
            if (text.AsSpan(at).StartsWith("--"))
            {
                break;
            }

            Xunit.Assert.True(text.AsSpan(at).StartsWith("\r\n"), "a boundary line must end with CRLF");
            var headersEnd = text.IndexOf("\r\n\r\n", at, StringComparison.Ordinal);
            var headers = text[(at + 2)..headersEnd].Split("\r\n");
            var next = text.IndexOf("\r\n" + delimiter, headersEnd + 4, StringComparison.Ordinal);
            Xunit.Assert.True(next > 0, "a part must end with CRLF and the boundary");
            var content = body[(headersEnd + 4)..next];
            string? name = null, fileName = null, type = null;
            foreach (var header in headers)
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                var key = header[..colon].Trim();
                var value = header[(colon + 1)..].Trim();
                if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    type = value;
                }
                else if (key.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var item in value.Split(';').Select(p => p.Trim()))
                    {
                        if (item.StartsWith("name=", StringComparison.Ordinal))
                        {
                            name = item["name=".Length..].Trim('"');
                        }
                        else if (item.StartsWith("filename=", StringComparison.Ordinal))
                        {
                            fileName = item["filename=".Length..].Trim('"');
                        }
                    }
                }
            }

            Xunit.Assert.NotNull(name);
            parts.Add(new Part(name, fileName, type, content));
            at = next + 2;
        }

        return parts;
    }

    /// <summary>Fails the test unless <paramref name="body"/> is a multipart body of <paramref name="operationId"/> that Discord accepts.</summary>
    public static void AssertValid(string operationId, string contentType, byte[] body)
    {
        var parts = Parse(contentType, body);
        var payload = Xunit.Assert.Single(parts, p => p.Name == "payload_json");
        Xunit.Assert.StartsWith("application/json", payload.ContentType, StringComparison.Ordinal);
        var json = JsonNode.Parse(payload.Content)!.AsObject();
        var files = parts.Where(p => p.Name != "payload_json").ToList();
        Xunit.Assert.All(files, f => Xunit.Assert.Matches(@"^files\[[0-9]\]$", f.Name));
        Xunit.Assert.All(files, f => Xunit.Assert.False(string.IsNullOrEmpty(f.FileName), $"{f.Name} has no filename"));

        // Every file part is named by an attachment with its index, under the same file name, and the reverse.
        var data = json["data"] is JsonObject callbackData ? callbackData : json;
        var attachments = (data["attachments"] as JsonArray ?? []).Select(a => ((string)a!["id"]!, (string)a["filename"]!)).ToList();
        Xunit.Assert.Equal(
            files.Select(f => (f.Name[6..^1], f.FileName!)).OrderBy(a => a.Item1),
            attachments.OrderBy(a => a.Item1));

        // The schema of the multipart body: the payload's fields beside files[n] (binary, here as strings).
        var instance = json.DeepClone().AsObject();
        foreach (var file in files)
        {
            instance[file.Name] = Convert.ToBase64String(file.Content);
        }

        var errors = OpenApiSchemaValidator.Discord.ValidateRequestBody(operationId, instance.ToJsonString(), "multipart/form-data");
        Xunit.Assert.True(errors.Count == 0, $"{operationId} (multipart):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }
}
