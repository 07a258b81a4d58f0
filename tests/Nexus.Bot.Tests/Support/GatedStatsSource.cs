using Nexus.Domain.Statistics;

namespace Nexus.Bot.Tests.Support;

/// <summary>
/// A statistics source that holds every version read until the test releases <paramref name="gate"/>, so a reply
/// is certainly slower than the dispatcher's defer delay.
/// </summary>
internal sealed class GatedStatsSource(IStatsSource inner, SemaphoreSlim gate) : IStatsSource
{
    public async Task<long> GetGuildVersionAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        gate.Release();
        return await inner.GetGuildVersionAsync(guildId, cancellationToken);
    }

    public Task<long> ReadCasesAsync(ulong guildId, long? changedSince, IStatsCaseSink sink, CancellationToken cancellationToken) =>
        inner.ReadCasesAsync(guildId, changedSince, sink, cancellationToken);
}
