using System.Runtime.InteropServices;
using Xunit;

namespace Nexus.Testing;

/// <summary>
/// Whether Debian's libsodium23 loads here. The bot falls back to BouncyCastle without it, so a machine
/// with only the .NET SDK still passes the suite, with the libsodium tests shown as skipped and why.
/// In CI (CI=true) .ci/run installs the library, so there a missing libsodium fails instead of skipping.
/// </summary>
public static class Libsodium
{
    private static readonly Lazy<bool> Loads = new(() =>
    {
        foreach (var name in new[] { "libsodium.so.23", "libsodium" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return true;
            }
        }

        return false;
    });

    /// <summary>True when the native library loads.</summary>
    public static bool Available => Loads.Value;

    /// <summary>The skip reason, or null when the libsodium tests must run.</summary>
    public static string? SkipReason =>
        Available || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "libsodium23 is not installed here (apt-get install libsodium23); the BouncyCastle fallback is tested either way.";
}

/// <summary>A fact that needs libsodium: skipped with the reason on a machine without it, run in CI.</summary>
public sealed class LibsodiumFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when libsodium is missing outside CI.</summary>
    public LibsodiumFactAttribute()
    {
        if (Libsodium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs libsodium: skipped with the reason on a machine without it, run in CI.</summary>
public sealed class LibsodiumTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason when libsodium is missing outside CI.</summary>
    public LibsodiumTheoryAttribute()
    {
        if (Libsodium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
