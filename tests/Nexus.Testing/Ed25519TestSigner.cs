using System.Text;
using NSec.Cryptography;

namespace Nexus.Testing;

/// <summary>
/// Signs requests as Discord does (Ed25519 over the timestamp bytes followed by the raw body) with a fresh
/// test-only key pair, for end-to-end tests of the HTTP endpoint.
/// </summary>
public sealed class Ed25519TestSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

    /// <summary>Generates a new key pair.</summary>
    public Ed25519TestSigner() =>
        PublicKeyHex = Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>The public key as 64 lowercase hex characters (what <c>Discord:PublicKey</c> holds).</summary>
    public string PublicKeyHex { get; }

    /// <summary>The signature, as 128 lowercase hex characters, of <paramref name="timestamp"/> followed by <paramref name="body"/>.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        return Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, message));
    }

    /// <summary>Signs a UTF-8 body.</summary>
    public string Sign(string timestamp, string body) => Sign(timestamp, Encoding.UTF8.GetBytes(body));

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
