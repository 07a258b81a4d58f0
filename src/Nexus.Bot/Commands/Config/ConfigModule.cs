using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Mod;
using Nexus.Bot.Hosting;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Common;
using Nexus.Domain.Moderation;
using Nexus.Domain.Settings;

namespace Nexus.Bot.Commands.Config;

/// <summary>
/// The <c>/config</c> command: the feed channel, the moderator role, the time zone (<see cref="ConfigTimeZoneHandler"/>) and the current settings. Moderators
/// only (checked in every handler); changing the moderator role needs Manage Server itself, so a role
/// holder can't hand the role on or take it away. Every change is written to the audit log.
/// </summary>
public static class ConfigModule
{
    /// <summary>Text channels and announcement channels (channel types 0 and 5) can take feed posts.</summary>
    private static readonly int[] FeedChannelTypes = [0, 5];

    /// <summary>The <c>/config</c> definition: guild only, shown by default to members with Manage Server ("32").</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("config", "Server settings for Nexus")
        .DefaultMemberPermissions(ModeratorGate.ManageServer)
        .Contexts(InteractionContextType.Guild)
        .Group("feed", "Anonymous milestone news in a channel", g => g
            .Subcommand("channel", "Post milestone updates to this channel", s => s
                .Channel("channel", "The channel", required: true, FeedChannelTypes)
                .HandledBy<ConfigFeedChannelHandler>(ephemeral: true))
            .Subcommand("off", "Stop posting milestone updates", s => s
                .HandledBy<ConfigFeedOffHandler>(ephemeral: true)))
        .Subcommand("moderator-role", "Members with this role may moderate cases", s => s
            .Role("role", "The moderator role", required: true)
            .HandledBy<ConfigModeratorRoleHandler>(ephemeral: true))
        .Subcommand("timezone", "The server's time zone: what date \"today\" is for its members", s => s
            .String("zone", "A time zone name such as America/Toronto: type a region or city", required: true, o => o.Length(1, 64).Autocomplete<TimeZoneAutocomplete>())
            .HandledBy<ConfigTimeZoneHandler>(ephemeral: true))
        .Subcommand("show", "Show this server's settings", s => s
            .HandledBy<ConfigShowHandler>(ephemeral: true))
        .Build();

    /// <summary>Adds <c>/config</c>.</summary>
    public static InteractionRegistryBuilder AddConfigCommands(this InteractionRegistryBuilder registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddCommand(Definition);
    }

    /// <summary>Adds the services <c>/config</c> needs besides storage (the moderator gate).</summary>
    public static IServiceCollection AddConfigServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ModeratorGate>();

        // The composition root says what the transport allows (AddNexusBot replaces this); the shell prints posts.
        services.TryAddSingleton(OutboundMessaging.Available);
        return services;
    }

    /// <summary>Saves a change of the settings and records it in the audit log.</summary>
    internal static async Task<InteractionResult> SaveAsync(
        IGuildSettingsRepository settings, ModerationService moderation, Moderator moderator, Func<GuildSettings, GuildSettings> change, string detail, string done, CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(moderator.GuildId, cancellationToken) ?? new GuildSettings(moderator.GuildId);
        await settings.UpsertAsync(change(current), cancellationToken);
        var logged = await moderation.RecordConfigAsync(moderator, detail, cancellationToken);
        return logged.IsSuccess ? ModMessages.Text(done) : ModMessages.Failure(logged.Error);
    }

    internal static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>/config feed channel channel</c>.</summary>
public sealed class ConfigFeedChannelHandler(ModeratorGate gate, IGuildSettingsRepository settings, ModerationService moderation, OutboundMessaging outbound) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            if (!outbound.CanPost)
            {
                return InteractionResult.Failure(Text.Format(Strings.Config_FeedCannot, outbound.WhyNot));
            }

            var channel = context.Options.GetChannel("channel")!;
            return await ConfigModule.SaveAsync(settings, moderation, moderator, s => s with { FeedChannelId = channel.Id },
                "feed-channel=" + ConfigModule.Id(channel.Id),
                Text.Format(Strings.Config_FeedOn, ConfigModule.Id(channel.Id)), cancellationToken);
        },
        cancellationToken);
}

/// <summary><c>/config feed off</c>.</summary>
public sealed class ConfigFeedOffHandler(ModeratorGate gate, IGuildSettingsRepository settings, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            return await ConfigModule.SaveAsync(settings, moderation, moderator, s => s with { FeedChannelId = null },
                "feed-channel=off", Strings.Config_FeedOff, cancellationToken);
        },
        cancellationToken);
}

/// <summary><c>/config moderator-role role</c>: needs Manage Server, not only the moderator role.</summary>
public sealed class ConfigModeratorRoleHandler(ModeratorGate gate, IGuildSettingsRepository settings, ModerationService moderation) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            if (!context.HasPermissions(ModeratorGate.ManageServer))
            {
                return ModMessages.Failure(new DomainError(ModerationErrorCodes.NotModerator, "Only members with the Manage Server permission can change the moderator role.") { Key = ModerationErrorCodes.NotModeratorManageServer });
            }

            var role = context.Options.GetRole("role")!;
            return await ConfigModule.SaveAsync(settings, moderation, moderator, s => s with { ModeratorRoleId = role.Id },
                "moderator-role=" + ConfigModule.Id(role.Id),
                Text.Format(Strings.Config_RoleSet, ConfigModule.Id(role.Id)), cancellationToken);
        },
        cancellationToken);
}

/// <summary><c>/config show</c>.</summary>
public sealed class ConfigShowHandler(ModeratorGate gate, IGuildSettingsRepository settings, OutboundMessaging outbound) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken) =>
        gate.RunAsync(context, async moderator =>
        {
            var current = await settings.GetAsync(moderator.GuildId, cancellationToken) ?? new GuildSettings(moderator.GuildId);
            var embed = new Embed
            {
                Title = Strings.Config_Title,
                Color = ModMessages.Colour,
                Fields =
                [
                    new EmbedField(Strings.Config_FeedChannel, (current.FeedChannelId, outbound.CanPost) switch
                    {
                        ({ } feed, true) => $"<#{ConfigModule.Id(feed)}>",
                        ({ } feed, false) => Text.Format(Strings.Config_FeedNotPosted, ConfigModule.Id(feed), outbound.WhyNot),
                        (null, true) => Strings.Config_Off,
                        (null, false) => Text.Format(Strings.Config_OffCannot, outbound.WhyNot),
                    }),
                    new EmbedField(Strings.Config_Dms, outbound.CanPost ? Strings.Config_DmsOn : Text.Format(Strings.Config_DmsOff, outbound.WhyNot)),
                    new EmbedField(Strings.Config_Role, current.ModeratorRoleId is { } role ? $"<@&{ConfigModule.Id(role)}>" : Strings.Config_RoleUnset),
                    new EmbedField(Strings.Config_TimeZone, current.TimeZoneId ?? Text.Format(Strings.Config_TimeZoneDefault, ServerCalendar.DefaultTimeZoneId)),
                ],
            };
            return InteractionResult.Reply(InteractionMessage.WithEmbeds([embed], ephemeral: true));
        },
        cancellationToken);
}
