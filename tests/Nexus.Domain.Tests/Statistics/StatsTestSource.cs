using Nexus.Domain.Cases;
using Nexus.Domain.Statistics;

namespace Nexus.Domain.Tests.Statistics;

/// <summary>
/// Stands in for the shared database: cases and a version per server, bumped on every write. Several
/// <see cref="StatsService"/> objects over one source behave like bot instances over one SQL Server.
/// </summary>
internal sealed class StatsTestSource : IStatsSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, List<CaseFacts>> _cases = [];
    private readonly Dictionary<ulong, long> _versions = [];
    private int _loads;
    private int _versionReads;

    /// <summary>When set, loads wait for it, so a test can pile up concurrent requests.</summary>
    public TaskCompletionSource? LoadGate { get; set; }

    /// <summary>When set, the next load throws this once.</summary>
    public Exception? FailNextLoad { get; set; }

    public int Loads => Volatile.Read(ref _loads);

    public int VersionReads => Volatile.Read(ref _versionReads);

    public void Write(ulong guildId, params CaseFacts[] cases)
    {
        lock (_gate)
        {
            if (!_cases.TryGetValue(guildId, out var list))
            {
                _cases[guildId] = list = [];
            }

            list.AddRange(cases);
            _versions[guildId] = _versions.GetValueOrDefault(guildId) + 1;
        }
    }

    public Task<long> GetGuildVersionAsync(ulong guildId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _versionReads);
        lock (_gate)
        {
            return Task.FromResult(_versions.GetValueOrDefault(guildId));
        }
    }

    public async Task<(long Version, IReadOnlyList<CaseFacts> Cases)> LoadGuildCasesAsync(ulong guildId, CancellationToken cancellationToken)
    {
        // The read happens when the load starts, like a database snapshot; the gate only delays the answer.
        (long Version, IReadOnlyList<CaseFacts> Cases) read;
        lock (_gate)
        {
            read = (_versions.GetValueOrDefault(guildId), _cases.TryGetValue(guildId, out var list) ? list.ToArray() : []);
        }

        // Counted once the read is done, so a test that waits for a load knows what it read.
        Interlocked.Increment(ref _loads);

        if (LoadGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (FailNextLoad is { } failure)
        {
            FailNextLoad = null;
            throw failure;
        }

        return read;
    }
}
