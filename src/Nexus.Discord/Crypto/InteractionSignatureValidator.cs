using System.Buffers;
using System.Text;
using NSec.Cryptography;

namespace Nexus.Discord.Crypto;

/// <summary>
/// Checks Discord's request signature: Ed25519 over the bytes of the <c>X-Signature-Timestamp</c> value
/// immediately followed by the raw body bytes, with the application's public key. Verification is
/// libsodium's, through NSec, which ships the native library for every platform. Malformed input (wrong
/// hex, wrong lengths) is simply invalid.
/// </summary>
public sealed class InteractionSignatureValidator
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    // Imported once: the import is the costly part of a verify that takes a raw key each time.
    private readonly PublicKey _publicKey;

    /// <summary>Creates the validator for one public key given as 64 hex characters.</summary>
    /// <exception cref="ArgumentException">The key is not 64 hex characters, or not an Ed25519 public key.</exception>
    public InteractionSignatureValidator(string publicKeyHex)
    {
        Span<byte> key = stackalloc byte[Ed25519Sizes.PublicKeyBytes];
        if (!HexBytes.TryDecode(publicKeyHex, key))
        {
            throw new ArgumentException("The public key must be 64 hexadecimal characters.", nameof(publicKeyHex));
        }

        if (!PublicKey.TryImport(Ed25519, key, KeyBlobFormat.RawPublicKey, out var publicKey) || publicKey is null)
        {
            throw new ArgumentException("The public key is not a valid Ed25519 public key.", nameof(publicKeyHex));
        }

        _publicKey = publicKey;
    }

    /// <summary>True when <paramref name="signatureHex"/> signs <paramref name="timestamp"/> followed by <paramref name="body"/>.</summary>
    public bool IsValid(ReadOnlySpan<char> signatureHex, ReadOnlySpan<char> timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> signature = stackalloc byte[Ed25519Sizes.SignatureBytes];
        if (!HexBytes.TryDecode(signatureHex, signature) || timestamp.IsEmpty)
        {
            return false;
        }

        var timestampBytes = Encoding.UTF8.GetMaxByteCount(timestamp.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(timestampBytes + body.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(timestamp, buffer);
            body.CopyTo(buffer.AsSpan(written));
            return Ed25519.Verify(_publicKey, buffer.AsSpan(0, written + body.Length), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
