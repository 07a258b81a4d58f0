namespace Nexus.Discord.Crypto;

/// <summary>Sizes fixed by Ed25519 (RFC 8032).</summary>
public static class Ed25519Sizes
{
    /// <summary>A public key is 32 bytes (64 hex characters).</summary>
    public const int PublicKeyBytes = 32;

    /// <summary>A signature is 64 bytes (128 hex characters).</summary>
    public const int SignatureBytes = 64;
}
