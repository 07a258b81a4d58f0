using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nexus.Discord.Gateway;
using Nexus.Discord.Rest;

namespace Nexus.Discord.Tests.Gateway;

/// <summary>The real <see cref="ClientWebSocketGatewayTransport"/> against a scripted gateway on 127.0.0.1 (Kestrel + WebSockets).</summary>
public sealed class LoopbackGatewayTests
{
    private sealed record Accepted(WebSocket Socket, TaskCompletionSource Done, string Query);

    [Fact]
    public async Task Over_a_real_websocket_the_client_identifies_queues_an_interaction_and_resumes_after_a_drop()
    {
        var accepted = Channel.CreateUnbounded<Accepted>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/gateway", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            accepted.Writer.TryWrite(new Accepted(socket, done, context.Request.QueryString.Value ?? ""));
            await done.Task;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var gatewayUrl = "ws" + address["http".Length..] + "/gateway";

        await using var gateway = new GatewayHarness(transport: new ClientWebSocketGatewayTransport(), policy: new GatewayReconnectPolicy { InitialBackoff = TimeSpan.Zero });
        gateway.GatewayBot = new GatewayBotInfo(gatewayUrl, 1, new SessionStartLimit(1000, 999, 1000, 1));
        await gateway.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var first = await accepted.Reader.ReadAsync(timeout.Token);
        Assert.Equal("?v=10&encoding=json", first.Query);
        await SendAsync(first.Socket, GatewayHarness.Hello(), timeout.Token);
        var identify = await ReceiveAsync(first.Socket, timeout.Token);
        Assert.Equal(2, (int)identify["op"]!);
        Assert.Equal(1, (int)identify["d"]!["intents"]!);
        await SendAsync(first.Socket, GatewayHarness.Ready(resumeUrl: gatewayUrl), timeout.Token);
        await SendAsync(first.Socket, DiscordExamples.Text("gateway-dispatch-interaction-create.json"), timeout.Token);
        Assert.Equal(1235236788633600010UL, (await gateway.Queue.Reader.ReadAsync(timeout.Token)).Interaction.Id);

        // The server asks for a heartbeat: the answer carries the sequence of the interaction just handled.
        await SendAsync(first.Socket, """{"op":1,"d":null}""", timeout.Token);
        Assert.Equal(43, (int)(await ReceiveAsync(first.Socket, timeout.Token))["d"]!);

        // The TCP connection drops without a close frame.
        first.Socket.Abort();
        first.Done.SetResult();

        var second = await accepted.Reader.ReadAsync(timeout.Token);
        await SendAsync(second.Socket, GatewayHarness.Hello(), timeout.Token);
        var resume = await ReceiveAsync(second.Socket, timeout.Token);
        Assert.Equal(6, (int)resume["op"]!);
        Assert.Equal(GatewayHarness.SessionId, (string)resume["d"]!["session_id"]!);
        Assert.Equal(43, (int)resume["d"]!["seq"]!);
        Assert.Equal(1, gateway.GatewayBotCalls);
        second.Done.SetResult();
    }

    private static Task SendAsync(WebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray())!;
            }
        }
    }
}
