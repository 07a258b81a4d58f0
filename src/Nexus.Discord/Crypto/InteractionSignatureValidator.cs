using System.Buffers;
using System.Text;

namespace Nexus.Discord.Crypto;

/// <summary>
/// Checks Discord's request signature: Ed25519 over the bytes of the <c>X-Signature-Timestamp</c> value
/// immediately followed by the raw body bytes, with the application's public key. Malformed input
/// (wrong hex, wrong lengths) is simply invalid.
/// </summary>
public sealed class InteractionSignatureValidator
{
    private readonly IEd25519Verifier _verifier;
    private readonly byte[] _publicKey;

    /// <summary>Creates the validator for one public key given as 64 hex characters.</summary>
    /// <exception cref="ArgumentException">The key is not 64 hex characters.</exception>
    public InteractionSignatureValidator(IEd25519Verifier verifier, string publicKeyHex)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
        _publicKey = new byte[Ed25519Sizes.PublicKeyBytes];
        if (!HexBytes.TryDecode(publicKeyHex, _publicKey))
        {
            throw new ArgumentException("The public key must be 64 hexadecimal characters.", nameof(publicKeyHex));
        }
    }

    /// <summary>The Ed25519 implementation in use.</summary>
    public string VerifierName => _verifier.Name;

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
            return _verifier.Verify(_publicKey, buffer.AsSpan(0, written + body.Length), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>Hex decoding that reports malformed input instead of throwing or allocating.</summary>
public static class HexBytes
{
    /// <summary>Decodes exactly <c>destination.Length</c> bytes; false for any other length or a non-hex character.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> destination) =>
        hex.Length == destination.Length * 2
        && Convert.FromHexString(hex, destination, out var consumed, out var written) == OperationStatus.Done
        && consumed == hex.Length
        && written == destination.Length;
}
