using Nexus.Domain.Cases;

namespace Nexus.Domain.Tests.Support;

/// <summary>New cases for storage tests that need many members' rows and care only that they are valid.</summary>
public static class CaseDrafts
{
    private static readonly DateTimeOffset Noon = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An initial application of one Canadian citizen, applied on 10 January 2024.</summary>
    public static Case Initial(ulong guildId, ulong ownerId) => new()
    {
        GuildId = guildId,
        OwnerId = ownerId,
        Type = ApplicationType.Initial,
        ApplicantStatus = ApplicantStatus.CaCitizen,
        Applicants = 1,
        Timeline = new Timeline(new DateOnly(2024, 1, 10)),
        CreatedAt = Noon,
        UpdatedAt = Noon,
    };
}
