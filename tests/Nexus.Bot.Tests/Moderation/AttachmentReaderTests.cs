using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nexus.Bot.Attachments;
using Nexus.Bot.Localization;
using Nexus.Discord.Models;
using Nexus.Domain.Common;

namespace Nexus.Bot.Tests.Moderation;

public sealed class AttachmentReaderTests
{
    private static HttpAttachmentReader Reader(HttpMessageHandler handler, bool allowFiles = false) =>
        new(new HttpClient(handler), Options.Create(new AttachmentReaderOptions { AllowFileUrls = allowFiles }), NullLogger<HttpAttachmentReader>.Instance);

    private static Attachment At(string url, long size = 10) => new() { Id = 1, Filename = "cases.csv", Size = size, Url = url };

    [Fact]
    public async Task Https_attachments_are_downloaded()
    {
        var handler = new Stub(HttpStatusCode.OK, "a,b\n"u8.ToArray());

        var result = await Reader(handler).ReadAsync(At("https://cdn.discordapp.com/attachments/1/2/cases.csv?ex=1"), 100, CancellationToken.None);

        Assert.Equal("a,b\n"u8.ToArray(), result.Value);
        Assert.Equal("https://cdn.discordapp.com/attachments/1/2/cases.csv?ex=1", handler.Requested!.AbsoluteUri);
    }

    [Fact]
    public async Task The_size_cap_holds_for_the_declared_size_and_for_what_is_downloaded()
    {
        var handler = new Stub(HttpStatusCode.OK, new byte[3 * 1024 * 1024]);
        const string message = "The file is larger than 2 MB; split it into smaller files.";

        Assert.Equal(message, (await Reader(handler).ReadAsync(At("https://cdn.discordapp.com/x.csv", size: 3 * 1024 * 1024), 2 * 1024 * 1024, CancellationToken.None)).Error!.Message);
        Assert.Null(handler.Requested);
        Assert.Equal(message, (await Reader(handler).ReadAsync(At("https://cdn.discordapp.com/x.csv", size: 10), 2 * 1024 * 1024, CancellationToken.None)).Error!.Message);
    }

    [Fact]
    public async Task File_urls_only_when_the_shell_allows_them_and_never_plain_http()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "x");
        try
        {
            var url = new Uri(path).AbsoluteUri;
            const string refused = "The attachment has no usable address; attach the file again.";

            Assert.Equal(refused, (await Reader(new Stub(HttpStatusCode.OK, [])).ReadAsync(At(url), 100, CancellationToken.None)).Error!.Message);
            Assert.Equal("x"u8.ToArray(), (await Reader(new Stub(HttpStatusCode.OK, []), allowFiles: true).ReadAsync(At(url), 100, CancellationToken.None)).Value);
            Assert.Equal(refused, (await Reader(new Stub(HttpStatusCode.OK, [])).ReadAsync(At("http://example.com/a.csv"), 100, CancellationToken.None)).Error!.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_failed_download_is_a_clear_message()
    {
        var result = await Reader(new Stub(HttpStatusCode.NotFound, [])).ReadAsync(At("https://cdn.discordapp.com/x.csv"), 100, CancellationToken.None);

        Assert.Equal("The attachment couldn't be downloaded from Discord; try again in a moment.", result.Error!.Message);
    }

    [Fact]
    public async Task Each_error_reads_in_english_as_its_message_and_in_french_in_the_moderators_words()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nexus-missing-{Guid.NewGuid():N}.csv");
        DomainError[] errors =
        [
            (await Reader(new Stub(HttpStatusCode.OK, [])).ReadAsync(At("https://cdn.discordapp.com/x.csv", size: 3 * 1024 * 1024), 2 * 1024 * 1024, CancellationToken.None)).Error!,
            (await Reader(new Stub(HttpStatusCode.OK, [])).ReadAsync(At("http://example.com/a.csv"), 100, CancellationToken.None)).Error!,
            (await Reader(new Stub(HttpStatusCode.NotFound, [])).ReadAsync(At("https://cdn.discordapp.com/x.csv"), 100, CancellationToken.None)).Error!,
            (await Reader(new Stub(HttpStatusCode.OK, []), allowFiles: true).ReadAsync(At(new Uri(path).AbsoluteUri), 100, CancellationToken.None)).Error!,
        ];

        Assert.Equal(
            [AttachmentErrorCodes.TooLarge, AttachmentErrorCodes.Address, AttachmentErrorCodes.Download, AttachmentErrorCodes.NoSuchFile],
            errors.Select(e => e.Key));
        Assert.All(errors, error =>
        {
            using (Languages.Use(Languages.English))
            {
                Assert.Equal(error.Message, Text.Error(error));
            }
        });
        using (Languages.Use(Languages.French))
        {
            Assert.Equal("Le fichier dépasse 2 Mo; divisez-le en fichiers plus petits.", Text.Error(errors[0]));
            Assert.Equal($"Il n’y a pas de fichier à {path}.", Text.Error(errors[3]));
        }
    }

    private sealed class Stub(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        public Uri? Requested { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
        }
    }
}
