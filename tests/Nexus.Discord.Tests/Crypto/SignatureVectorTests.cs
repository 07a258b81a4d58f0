using System.Text;
using System.Text.Json;
using Nexus.Discord.Crypto;
using Nexus.Testing;

namespace Nexus.Discord.Tests.Crypto;

public sealed class SignatureVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(FixturePaths.DiscordExample("signature-test-vectors.json"))).RootElement;

    private static readonly string VectorKey = Vectors.GetProperty("public_key_hex").GetString()!;

    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Vectors.GetProperty("vectors").EnumerateArray())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_vector_passes_or_fails_as_marked(string vectorName)
    {
        var vector = Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == vectorName);
        var validator = new InteractionSignatureValidator(VectorKey);

        var valid = validator.IsValid(
            vector.GetProperty("signature").GetString(),
            vector.GetProperty("timestamp").GetString(),
            Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!));

        Assert.Equal(vector.GetProperty("expected_valid").GetBoolean(), valid);
    }

    [Fact]
    public void Malformed_signatures_are_invalid_not_exceptions()
    {
        var vector = Vectors.GetProperty("vectors")[0];
        var validator = new InteractionSignatureValidator(VectorKey);
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!);
        var signature = vector.GetProperty("signature").GetString()!;
        var timestamp = vector.GetProperty("timestamp").GetString()!;

        Assert.True(validator.IsValid(signature, timestamp, body));
        Assert.True(validator.IsValid(signature.ToUpperInvariant(), timestamp, body));
        Assert.False(validator.IsValid("", timestamp, body));
        Assert.False(validator.IsValid(signature.AsSpan(0, signature.Length - 2), timestamp, body));
        Assert.False(validator.IsValid(signature + "00", timestamp, body));
        Assert.False(validator.IsValid(string.Concat("zz", signature.AsSpan(2)), timestamp, body));
        Assert.False(validator.IsValid(signature, "", body));
        // An all-zero signature is not a signature of anything: just "invalid".
        Assert.False(validator.IsValid(new string('0', 128), timestamp, body));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("59d7696d9618c3650b91fcaa56add5774f6761484822e474c467f75aa995fe2")]
    [InlineData("zz d7696d9618c3650b91fcaa56add5774f6761484822e474c467f75aa995fe22")]
    public void A_public_key_that_is_not_64_hex_characters_is_refused_at_construction(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new InteractionSignatureValidator(key));
        Assert.Contains("64 hexadecimal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_signer_produces_signatures_the_validator_accepts_and_only_for_its_body()
    {
        using var signer = new Ed25519TestSigner();
        const string body = """{"type":1}""";
        var signature = signer.Sign("1714572000", body);
        var validator = new InteractionSignatureValidator(signer.PublicKeyHex);

        Assert.True(validator.IsValid(signature, "1714572000", Encoding.UTF8.GetBytes(body)));
        Assert.False(validator.IsValid(signature, "1714572000", Encoding.UTF8.GetBytes(body + " ")));
        Assert.False(validator.IsValid(signature, "1714572001", Encoding.UTF8.GetBytes(body)));
        Assert.False(new InteractionSignatureValidator(VectorKey).IsValid(signature, "1714572000", Encoding.UTF8.GetBytes(body)));
    }
}
