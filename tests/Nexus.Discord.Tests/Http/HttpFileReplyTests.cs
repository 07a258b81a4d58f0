using Nexus.Discord.Dispatch;
using Nexus.Discord.Http;
using Nexus.Discord.Models;
using Nexus.Discord.Rest;
using Nexus.Discord.Tests.Support;

namespace Nexus.Discord.Tests.Http;

public sealed class HttpFileReplyTests
{
    [Fact]
    public async Task Over_http_a_first_reply_with_a_file_is_a_deferred_body_then_the_original_edited_with_the_file()
    {
        var rest = new FakeDiscordRestClient();
        var responder = new HttpInteractionResponder(new RestInteractionResponder(rest));
        var interaction = Interactions.Command("stats");
        var file = new FileUpload("chart.png", new byte[] { 1, 2, 3 }, "image/png");
        var response = new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData
        {
            Embeds = [new Embed { Title = "Waits", Image = EmbedImage.Attachment("chart.png") }],
            AllowedMentions = AllowedMentions.None,
            Attachments = [new AttachmentReference(0, "chart.png")],
        });

        var replying = responder.RespondWithFileAsync(interaction, response, file, CancellationToken.None);

        // The HTTP body can only be JSON: it acknowledges, and nothing goes to REST before it is written.
        var body = await responder.InitialResponse;
        Assert.Equal(new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), body);
        Assert.Empty(rest.Edits);
        responder.MarkWritten();
        await replying;

        var edit = Assert.Single(rest.Edits);
        Assert.Equal("attachment://chart.png", Assert.Single(edit.Embeds!).Image!.Url);
        Assert.Equal([new AttachmentReference(0, "chart.png")], edit.Attachments);
        Assert.Null(edit.Flags);
        Assert.Same(file, Assert.Single(rest.Files));
    }

    [Fact]
    public async Task An_ephemeral_reply_with_a_file_is_deferred_ephemerally()
    {
        var rest = new FakeDiscordRestClient();
        var responder = new HttpInteractionResponder(new RestInteractionResponder(rest));
        var response = new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData { Content = "Your export", Flags = MessageFlags.Ephemeral });

        var replying = responder.RespondWithFileAsync(Interactions.Command("mod"), response, new FileUpload("cases.csv", new byte[] { 1 }, "text/csv"), CancellationToken.None);
        var body = await responder.InitialResponse;
        responder.MarkWritten();
        await replying;

        Assert.Equal(MessageFlags.Ephemeral, body.Data!.Flags);
        Assert.Equal("Your export", Assert.Single(rest.Edits).Content);
    }
}
