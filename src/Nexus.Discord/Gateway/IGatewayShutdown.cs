using Microsoft.Extensions.Hosting;

namespace Nexus.Discord.Gateway;

/// <summary>How the gateway stops the bot after a fatal close code (a seam, so tests need not stop their host).</summary>
public interface IGatewayShutdown
{
    /// <summary>Stops the application with <paramref name="exitCode"/>.</summary>
    void Stop(int exitCode);
}

/// <summary>Stops the generic host and sets the process exit code.</summary>
/// <param name="lifetime">The host's lifetime.</param>
public sealed class HostGatewayShutdown(IHostApplicationLifetime lifetime) : IGatewayShutdown
{
    /// <inheritdoc />
    public void Stop(int exitCode)
    {
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
    }
}
