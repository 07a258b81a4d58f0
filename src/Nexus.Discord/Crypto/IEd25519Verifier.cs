namespace Nexus.Discord.Crypto;

/// <summary>One Ed25519 implementation: checks a detached signature over a message with a public key.</summary>
public interface IEd25519Verifier
{
    /// <summary>A short name for the start-up log line, e.g. <c>libsodium</c>.</summary>
    string Name { get; }

    /// <summary>
    /// True when <paramref name="signature"/> (64 bytes) is a valid signature of <paramref name="message"/>
    /// by <paramref name="publicKey"/> (32 bytes). Wrong lengths are invalid, never an exception.
    /// </summary>
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}

/// <summary>Sizes fixed by Ed25519 (RFC 8032).</summary>
public static class Ed25519Sizes
{
    /// <summary>A public key is 32 bytes (64 hex characters).</summary>
    public const int PublicKeyBytes = 32;

    /// <summary>A signature is 64 bytes (128 hex characters).</summary>
    public const int SignatureBytes = 64;
}
