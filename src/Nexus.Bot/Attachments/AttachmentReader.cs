using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Discord.Models;
using Nexus.Domain.Common;

namespace Nexus.Bot.Attachments;

/// <summary>Reads the bytes of a file a member attached to a command.</summary>
public interface IAttachmentReader
{
    /// <summary>
    /// The attachment's bytes, or an error when it is larger than <paramref name="maxBytes"/>, its address is
    /// not allowed, or the download fails.
    /// </summary>
    Task<Result<byte[]>> ReadAsync(Attachment attachment, int maxBytes, CancellationToken cancellationToken);
}

/// <summary>Where attachments may come from.</summary>
public sealed class AttachmentReaderOptions
{
    /// <summary>
    /// Accept <c>file://</c> addresses. Only the local shell sets this, because it passes a file path typed by
    /// the person at the keyboard; from Discord, a <c>file://</c> address would read the bot's own disk.
    /// </summary>
    public bool AllowFileUrls { get; set; }
}

/// <summary>
/// Downloads <c>https</c> attachments (Discord's CDN) with a size cap, and reads <c>file://</c> ones when
/// <see cref="AttachmentReaderOptions.AllowFileUrls"/> allows it. The cap is checked on the declared size
/// and again while reading, so a lying size can't make the bot buffer more.
/// </summary>
public sealed partial class HttpAttachmentReader(HttpClient http, IOptions<AttachmentReaderOptions> options, ILogger<HttpAttachmentReader> logger) : IAttachmentReader
{
    /// <inheritdoc />
    public async Task<Result<byte[]>> ReadAsync(Attachment attachment, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (attachment.Size > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var uri))
        {
            return new DomainError(AttachmentErrorCodes.Address, "The attachment has no usable address; attach the file again.");
        }

        if (uri.IsFile)
        {
            if (!options.Value.AllowFileUrls)
            {
                return new DomainError(AttachmentErrorCodes.Address, "The attachment has no usable address; attach the file again.");
            }

            if (!File.Exists(uri.LocalPath))
            {
                return DomainError.Keyed(AttachmentErrorCodes.Download, $"There is no file at {uri.LocalPath}.", AttachmentErrorCodes.NoSuchFile, uri.LocalPath);
            }

            await using var file = File.OpenRead(uri.LocalPath);
            return await ReadBoundedAsync(file, maxBytes, cancellationToken);
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return new DomainError(AttachmentErrorCodes.Address, "The attachment has no usable address; attach the file again.");
        }

        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.DownloadFailed(logger, (int)response.StatusCode);
                return DownloadFailed();
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await ReadBoundedAsync(body, maxBytes, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            Log.DownloadError(logger, ex);
            return DownloadFailed();
        }
    }

    private static async Task<Result<byte[]>> ReadBoundedAsync(Stream source, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static DomainError TooLarge(int maxBytes) =>
        DomainError.Of(AttachmentErrorCodes.TooLarge, $"The file is larger than {maxBytes / (1024 * 1024)} MB; split it into smaller files.", maxBytes / (1024 * 1024));

    private static DomainError DownloadFailed() =>
        new(AttachmentErrorCodes.Download, "The attachment couldn't be downloaded from Discord; try again in a moment.");

    // The URL is not logged: Discord's attachment URLs carry signed query parameters.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Attachment download answered HTTP {Status}")]
        public static partial void DownloadFailed(ILogger logger, int status);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Attachment download failed")]
        public static partial void DownloadError(ILogger logger, Exception exception);
    }
}

/// <summary>Stable codes of attachment errors.</summary>
public static class AttachmentErrorCodes
{
    /// <summary>Larger than allowed.</summary>
    public const string TooLarge = "attachment.too_large";

    /// <summary>An address the bot won't read.</summary>
    public const string Address = "attachment.address";

    /// <summary>The download failed.</summary>
    public const string Download = "attachment.download";

    /// <summary>Key of <see cref="Download"/>: a local file (the shell's <c>file://</c>) that does not exist (argument: its path).</summary>
    public const string NoSuchFile = "attachment.download.no_such_file";
}
