using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Crypto;
using Nexus.Testing;

namespace Nexus.Discord.Tests.Crypto;

public sealed class SignatureVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(FixturePaths.DiscordExample("signature-test-vectors.json"))).RootElement;

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
    public void Every_vector_passes_or_fails_as_marked_with_BouncyCastle(string vectorName) => CheckVector("BouncyCastle", vectorName);

    [LibsodiumTheory]
    [MemberData(nameof(VectorNames))]
    public void Every_vector_passes_or_fails_as_marked_with_libsodium(string vectorName) => CheckVector("libsodium", vectorName);

    private static void CheckVector(string verifierName, string vectorName)
    {
        var vector = Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == vectorName);
        var validator = new InteractionSignatureValidator(Verifier(verifierName), Vectors.GetProperty("public_key_hex").GetString()!);

        var valid = validator.IsValid(
            vector.GetProperty("signature").GetString(),
            vector.GetProperty("timestamp").GetString(),
            Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!));

        Assert.Equal(vector.GetProperty("expected_valid").GetBoolean(), valid);
        Assert.Equal(verifierName, validator.VerifierName);
    }

    [Fact]
    public void Malformed_signatures_and_keys_are_invalid_not_exceptions_with_BouncyCastle() => CheckMalformed("BouncyCastle");

    [LibsodiumFact]
    public void Malformed_signatures_and_keys_are_invalid_not_exceptions_with_libsodium() => CheckMalformed("libsodium");

    private static void CheckMalformed(string verifierName)
    {
        var verifier = Verifier(verifierName);
        var vector = Vectors.GetProperty("vectors")[0];
        var validator = new InteractionSignatureValidator(verifier, Vectors.GetProperty("public_key_hex").GetString()!);
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
        Assert.False(verifier.Verify(new byte[31], body, new byte[64]));
        Assert.False(verifier.Verify(new byte[32], body, new byte[63]));
        // All-zero key and signature: not a valid point/signature, still just "invalid".
        Assert.False(verifier.Verify(new byte[32], body, new byte[64]));
    }

    [Fact]
    public void A_public_key_that_is_not_64_hex_characters_is_refused_at_construction()
    {
        var error = Assert.Throws<ArgumentException>(() => new InteractionSignatureValidator(new BouncyCastleEd25519Verifier(), "abc"));
        Assert.Contains("64 hexadecimal", error.Message, StringComparison.Ordinal);
    }

    [LibsodiumFact]
    public void The_factory_prefers_libsodium_and_logs_which_one_is_used()
    {
        var logger = new ListLogger();

        var verifier = Ed25519VerifierFactory.Create(logger);

        Assert.IsType<LibsodiumEd25519Verifier>(verifier);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal("Ed25519 signature verification: libsodium", entry.Message);
        Assert.Equal(1100, entry.EventId);
    }

    [Fact]
    public void The_test_signer_produces_signatures_both_verifiers_accept()
    {
        var signer = new Ed25519TestSigner();
        const string body = """{"type":1}""";
        var signature = signer.Sign("1714572000", body);

        foreach (var name in Libsodium.Available ? ["libsodium", "BouncyCastle"] : new[] { "BouncyCastle" })
        {
            var validator = new InteractionSignatureValidator(Verifier(name), signer.PublicKeyHex);
            Assert.True(validator.IsValid(signature, "1714572000", Encoding.UTF8.GetBytes(body)));
            Assert.False(validator.IsValid(signature, "1714572000", Encoding.UTF8.GetBytes(body + " ")));
        }
    }

    // The libsodium tests carry [LibsodiumFact]/[LibsodiumTheory]: skipped with the reason where the library
    // is missing, and failing with this hint in CI, where .ci/run installs it.
    private static IEd25519Verifier Verifier(string name) => name == "libsodium"
        ? LibsodiumEd25519Verifier.TryCreate() ?? throw new InvalidOperationException("libsodium did not load: install libsodium23 (apt-get install libsodium23).")
        : new BouncyCastleEd25519Verifier();

    private sealed class ListLogger : ILogger
    {
        public List<(int EventId, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((eventId.Id, formatter(state, exception)));
    }
}
