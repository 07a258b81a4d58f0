using Microsoft.Extensions.Options;

namespace Nexus.Discord.Registration;

/// <summary>
/// Keeps the registration hash in a small text file (<see cref="CommandRegistrationOptions.StateFileName"/>,
/// default <c>command-registration.sha256</c>) in <see cref="CommandRegistrationOptions.StateDirectory"/>. Written to a temporary file and moved into place,
/// so a crash never leaves half a hash (which would only cost one extra registration anyway).
/// </summary>
/// <param name="options">Where the file lives.</param>
public sealed class FileRegistrationStateStore(IOptions<CommandRegistrationOptions> options) : IRegistrationStateStore
{
    /// <summary>The default file name inside the state directory.</summary>
    public const string FileName = "command-registration.sha256";

    private string FilePath => Path.Combine(options.Value.ResolvedStateDirectory, options.Value.ResolvedStateFileName);

    /// <inheritdoc />
    public async Task<string?> GetLastHashAsync(CancellationToken cancellationToken)
    {
        var path = FilePath;
        if (!File.Exists(path))
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var hash = text.Trim();
        return hash.Length == 0 ? null : hash;
    }

    /// <inheritdoc />
    public async Task SaveHashAsync(string hash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        var directory = options.Value.ResolvedStateDirectory;
        Directory.CreateDirectory(directory);
        var temporary = FilePath + ".tmp";
        await File.WriteAllTextAsync(temporary, hash + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(temporary, FilePath, overwrite: true);
    }
}
