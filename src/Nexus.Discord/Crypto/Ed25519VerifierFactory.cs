using Microsoft.Extensions.Logging;

namespace Nexus.Discord.Crypto;

/// <summary>Picks libsodium where it loads and BouncyCastle otherwise, and says which at start-up.</summary>
public static partial class Ed25519VerifierFactory
{
    /// <summary>The fastest implementation available on this machine; logs which one.</summary>
    public static IEd25519Verifier Create(ILogger logger)
    {
        IEd25519Verifier verifier = (IEd25519Verifier?)LibsodiumEd25519Verifier.TryCreate() ?? new BouncyCastleEd25519Verifier();
        if (verifier is LibsodiumEd25519Verifier)
        {
            LogLibsodium(logger);
        }
        else
        {
            LogFallback(logger);
        }

        return verifier;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Ed25519 signature verification: libsodium")]
    private static partial void LogLibsodium(ILogger logger);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Ed25519 signature verification: BouncyCastle (libsodium did not load; install libsodium23 for faster verification)")]
    private static partial void LogFallback(ILogger logger);
}
