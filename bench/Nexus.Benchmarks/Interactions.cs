using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Nexus.Benchmarks;

/// <summary>What a pre-built request is, so results can be told apart per kind.</summary>
internal enum RequestKind
{
    Ping,
    Show,
    Update,
    Stats,
}

/// <summary>A request as Discord would send it: the body and its signature headers, signed in advance.</summary>
internal sealed record SignedRequest(RequestKind Kind, byte[] Body, string Signature, string Timestamp);

/// <summary>
/// Builds interaction bodies as Discord sends them and signs them with a test key pair (Ed25519 over the
/// timestamp followed by the body), so the load generator spends nothing on signing while it measures.
/// </summary>
internal sealed class Interactions
{
    public const ulong ApplicationId = 1064121768345600001;

    private static long _nextId = 1300000000000000000;

    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

    public Interactions() => PublicKeyHex = Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public string PublicKeyHex { get; }

    public static string[] StatusNames { get; } = ["us-citizen", "ca-citizen", "us-pr", "ca-pr", "mx-national"];

    /// <summary>Signs <paramref name="body"/> now (the endpoint accepts timestamps up to 5 minutes old).</summary>
    public SignedRequest Sign(RequestKind kind, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] message = [.. Encoding.UTF8.GetBytes(timestamp), .. bytes];
        return new SignedRequest(kind, bytes, Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, message)), timestamp);
    }

    public SignedRequest Ping() =>
        Sign(RequestKind.Ping, $$"""{"type":1,"id":"{{NextId()}}","application_id":"{{ApplicationId}}","token":"t","version":1}""");

    /// <summary><c>/mycase show</c> by the owner of case #<paramref name="caseNumber"/>.</summary>
    public SignedRequest Show(int caseNumber) =>
        Sign(RequestKind.Show, Command(DataSet.MemberId(caseNumber), "mycase", """[{"name":"show","type":1,"options":[]}]"""));

    /// <summary><c>/mycase update conditional &lt;date&gt;</c> by a writer member (always a valid change).</summary>
    public SignedRequest Update(int caseNumber, DateOnly date)
    {
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Sign(RequestKind.Update, Command(
            DataSet.MemberId(caseNumber),
            "mycase",
            $$"""[{"name":"update","type":1,"options":[{"name":"milestone","type":3,"value":"conditional"},{"name":"date","type":3,"value":"{{iso}}"}]}]"""));
    }

    /// <summary><c>/stats</c>, with no filter or with one applicant status.</summary>
    public SignedRequest Stats(int member, string? status = null) =>
        Sign(RequestKind.Stats, Command(
            DataSet.MemberId(member),
            "stats",
            status is null ? "[]" : $$"""[{"name":"status","type":3,"value":"{{status}}"}]"""));

    private static string Command(ulong userId, string name, string options)
    {
        var id = NextId();
        return $$"""
            {"id":"{{id}}","application_id":"{{ApplicationId}}","type":2,"token":"token-{{id}}","version":1,
             "guild_id":"{{DataSet.GuildId}}","channel_id":"43",
             "member":{"user":{"id":"{{userId}}","username":"member{{userId % 100000}}"},"roles":[],"permissions":"2147483647"},
             "data":{"id":"77","name":"{{name}}","type":1,"options":{{options}}},"locale":"en-US"}
            """;
    }

    private static string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
}
