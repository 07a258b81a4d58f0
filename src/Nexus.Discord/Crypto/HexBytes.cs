using System.Buffers;

namespace Nexus.Discord.Crypto;

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
