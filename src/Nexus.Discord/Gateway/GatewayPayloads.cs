using System.Buffers;
using System.Text.Json;

namespace Nexus.Discord.Gateway;

/// <summary>The gateway opcodes Nexus uses (Discord's numbering).</summary>
internal static class GatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>Writes the frames the client sends. Written by hand with <see cref="Utf8JsonWriter"/>: three tiny shapes.</summary>
internal static class GatewayPayloads
{
    /// <summary>
    /// GUILDS (1 &lt;&lt; 0) only: INTERACTION_CREATE needs no intent, and asking for privileged intents
    /// would need portal approval (else close 4014). GUILDS keeps guild availability events flowing.
    /// </summary>
    public const int Intents = 1;

    /// <summary>The browser and device names Discord shows for the connection.</summary>
    public const string ClientName = "nexus";

    /// <summary>Discord closes the connection (4002) on a frame larger than this.</summary>
    public const int MaxFrameBytes = 4096;

    public static byte[] Identify(string token, int shardId, int shardCount) => Write(GatewayOpcode.Identify, writer =>
    {
        writer.WriteString("token", token);
        writer.WriteNumber("intents", Intents);
        writer.WriteStartObject("properties");
        writer.WriteString("os", OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux");
        writer.WriteString("browser", ClientName);
        writer.WriteString("device", ClientName);
        writer.WriteEndObject();
        writer.WriteStartArray("shard");
        writer.WriteNumberValue(shardId);
        writer.WriteNumberValue(shardCount);
        writer.WriteEndArray();
    });

    public static byte[] Resume(string token, string sessionId, long sequence) => Write(GatewayOpcode.Resume, writer =>
    {
        writer.WriteString("token", token);
        writer.WriteString("session_id", sessionId);
        writer.WriteNumber("seq", sequence);
    });

    public static byte[] Heartbeat(long? sequence)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", GatewayOpcode.Heartbeat);
            if (sequence is { } s)
            {
                writer.WriteNumber("d", s);
            }
            else
            {
                writer.WriteNull("d");
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The gateway URL with the version and encoding Discord needs: <c>?v=10&amp;encoding=json</c>.</summary>
    public static Uri ConnectUri(string gatewayUrl)
    {
        var builder = new UriBuilder(gatewayUrl) { Query = "v=10&encoding=json" };
        if (string.IsNullOrEmpty(builder.Path))
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    private static byte[] Write(int op, Action<Utf8JsonWriter> data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", op);
            writer.WriteStartObject("d");
            data(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
