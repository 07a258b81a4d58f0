using Nexus.Domain.Cases;

namespace Nexus.Bot.Commands.Common;

/// <summary>The colours of Nexus embeds: one per case status, so a glance says how far a case is.</summary>
public static class EmbedColours
{
    /// <summary>Informational replies (help, topics, statistics).</summary>
    public const int Neutral = 0x3B82F6;

    /// <summary>Confirmations and warnings before something is removed.</summary>
    public const int Warning = 0xF59E0B;

    /// <summary>The colour of a status: grey while waiting, amber to blue through the stages, green at the end, red when denied.</summary>
    public static int For(CaseStatus status) => status switch
    {
        CaseStatus.PendingReview => 0x9CA3AF,
        CaseStatus.ConditionallyApproved => 0xF59E0B,
        CaseStatus.InterviewScheduled => 0x8B5CF6,
        CaseStatus.Interviewed => 0x3B82F6,
        CaseStatus.Approved => 0x10B981,
        CaseStatus.CardReceived => 0x059669,
        CaseStatus.Denied => 0xDC2626,
        _ => Neutral,
    };
}
