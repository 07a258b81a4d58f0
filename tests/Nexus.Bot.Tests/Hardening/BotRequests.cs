using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Nexus.Testing;

namespace Nexus.Bot.Tests.Hardening;

/// <summary>Signed interactions for the real host in HTTP mode, and their gateway form, as Discord sends them.</summary>
public sealed class BotRequests(Ed25519TestSigner signer)
{
    public const ulong ApplicationId = 1064121768345600001;
    public const string Guild = "42";
    private static long _next = 1_250_000_000_000_000_000;

    /// <summary>The interaction token of the last interaction built (a secret the logs must never show).</summary>
    public static string TokenFor(string interactionId) => "itok-" + interactionId + "-Zq8vW3xR";

    public static string Command(string name, ulong userId, string? subcommand = null, params (string Name, int Type, object Value)[] options)
    {
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var parameters = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = o.Type, ["value"] = JsonValue.Create(o.Value) })]);
        var data = new JsonObject { ["id"] = "77", ["name"] = name, ["type"] = 1 };
        data["options"] = subcommand is null ? parameters : new JsonArray(new JsonObject { ["name"] = subcommand, ["type"] = 1, ["options"] = parameters });
        return new JsonObject
        {
            ["id"] = id,
            ["application_id"] = ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 2,
            ["token"] = TokenFor(id),
            ["version"] = 1,
            ["guild_id"] = Guild,
            ["channel_id"] = "43",
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = userId.ToString(CultureInfo.InvariantCulture), ["username"] = "member" + userId % 1000 },
                ["roles"] = new JsonArray(),
                ["permissions"] = "2147483647",
            },
            ["data"] = data,
            ["locale"] = "en-US",
        }.ToJsonString();
    }

    public static string Start(ulong userId) =>
        Command("mycase", userId, "start", ("date", 3, "2024-01-10"), ("type", 3, "initial"), ("status", 3, "ca-citizen"));

    public static string Show(ulong userId) => Command("mycase", userId, "show");

    public async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(HttpClient client, string json)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", signer.Sign(timestamp, json));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
