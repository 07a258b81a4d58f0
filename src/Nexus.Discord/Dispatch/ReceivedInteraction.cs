using Nexus.Discord.Models;

namespace Nexus.Discord.Dispatch;

/// <summary>An interaction as its transport received it.</summary>
/// <param name="Interaction">The interaction.</param>
/// <param name="ReceivedAt">
/// When it arrived (a <see cref="TimeProvider.GetTimestamp"/> value of the dispatcher's clock): when the gateway
/// frame was read, or when the HTTP request came in. Discord's 3 seconds run from there, however long the
/// interaction then queued. Null: it arrives as it is dispatched (the local shell).
/// </param>
/// <param name="SignedAt">The signed timestamp of an HTTP request, from which its replay window runs.</param>
public sealed record ReceivedInteraction(Interaction Interaction, long? ReceivedAt = null, DateTimeOffset? SignedAt = null);
