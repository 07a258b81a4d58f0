using System.Buffers;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Nexus.Discord.Crypto;

/// <summary>
/// Ed25519 in managed code (Portable.BouncyCastle's RFC 8032 implementation): the fallback where
/// libsodium does not load. Slower (about 235 µs per verify) but needs nothing native.
/// </summary>
public sealed class BouncyCastleEd25519Verifier : IEd25519Verifier
{
    /// <inheritdoc />
    public string Name => "BouncyCastle";

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519Sizes.PublicKeyBytes || signature.Length != Ed25519Sizes.SignatureBytes)
        {
            return false;
        }

        // BouncyCastle takes arrays with offsets; pooled arrays keep the hot path allocation-free.
        var buffer = ArrayPool<byte>.Shared.Rent(Ed25519Sizes.SignatureBytes + Ed25519Sizes.PublicKeyBytes + message.Length);
        try
        {
            signature.CopyTo(buffer);
            publicKey.CopyTo(buffer.AsSpan(Ed25519Sizes.SignatureBytes));
            var messageOffset = Ed25519Sizes.SignatureBytes + Ed25519Sizes.PublicKeyBytes;
            message.CopyTo(buffer.AsSpan(messageOffset));
            return Ed25519.Verify(buffer, 0, buffer, Ed25519Sizes.SignatureBytes, buffer, messageOffset, message.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
