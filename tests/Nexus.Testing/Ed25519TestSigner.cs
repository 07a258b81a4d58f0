using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Nexus.Testing;

/// <summary>
/// Signs requests as Discord does (Ed25519 over the timestamp bytes followed by the raw body) with a fresh
/// test-only key pair, for end-to-end tests of the HTTP endpoint.
/// </summary>
public sealed class Ed25519TestSigner
{
    private readonly Ed25519PrivateKeyParameters _privateKey;

    /// <summary>Generates a new key pair.</summary>
    public Ed25519TestSigner()
    {
        _privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        PublicKeyHex = Convert.ToHexStringLower(_privateKey.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The public key as 64 lowercase hex characters (what <c>Discord:PublicKey</c> holds).</summary>
    public string PublicKeyHex { get; }

    /// <summary>The signature, as 128 lowercase hex characters, of <paramref name="timestamp"/> followed by <paramref name="body"/>.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }

    /// <summary>Signs a UTF-8 body.</summary>
    public string Sign(string timestamp, string body) => Sign(timestamp, Encoding.UTF8.GetBytes(body));
}
