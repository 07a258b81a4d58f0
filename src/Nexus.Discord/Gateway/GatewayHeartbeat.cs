namespace Nexus.Discord.Gateway;

/// <summary>A random source for the gateway's jitter, injectable so tests choose the "random" values.</summary>
public interface IGatewayRandom
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}

/// <summary>The default <see cref="IGatewayRandom"/>: <see cref="Random.Shared"/> (jitter needs no cryptographic quality).</summary>
public sealed class SystemGatewayRandom : IGatewayRandom
{
    /// <inheritdoc />
#pragma warning disable CA5394 // Jitter spreads reconnects; it protects nothing.
    public double NextDouble() => Random.Shared.NextDouble();
#pragma warning restore CA5394
}

/// <summary>
/// The heartbeat of one connection. The first beat comes after <c>interval × random(0..1)</c> (Discord asks for
/// the jitter so that a fleet of clients reconnecting together does not beat in lock-step), then one every
/// interval. Before each beat it checks that the previous one was acknowledged (op 11); if not, the
/// connection is a zombie and <see cref="RunAsync"/> returns so the session can close it and resume.
/// </summary>
/// <param name="time">The clock of every wait.</param>
/// <param name="random">The source of the first beat's jitter.</param>
public sealed class GatewayHeartbeat(TimeProvider time, IGatewayRandom random)
{
    private int _awaitingAck;

    /// <summary>Records a heartbeat ACK (op 11).</summary>
    public void Acknowledge() => Volatile.Write(ref _awaitingAck, 0);

    /// <summary>
    /// Beats until a beat goes unacknowledged (then returns) or <paramref name="cancellationToken"/> fires
    /// (then throws <see cref="OperationCanceledException"/>).
    /// </summary>
    /// <param name="interval">HELLO's <c>heartbeat_interval</c>.</param>
    /// <param name="beat">Sends one heartbeat (op 1 with the last sequence number).</param>
    /// <param name="cancellationToken">Ends the heartbeat with the connection.</param>
    public async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task> beat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        Volatile.Write(ref _awaitingAck, 0);
        await Task.Delay(interval * random.NextDouble(), time, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (Interlocked.Exchange(ref _awaitingAck, 1) == 1)
            {
                return;
            }

            await beat(cancellationToken).ConfigureAwait(false);
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
