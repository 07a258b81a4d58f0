using Nexus.Bot.Localization;
using Nexus.Bot.Commands.Common;
using Nexus.Discord.Commands;
using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;
using Nexus.Domain.Cases;

// The folder is Commands/Nexus, but a namespace segment named "Nexus" would hide the root Nexus
// namespace inside every Nexus.Bot.Commands file, so this one is NexusTopic.
namespace Nexus.Bot.Commands.NexusTopic;

/// <summary><c>/nexus topic [centre]</c>: short public answers about the programme, with official links.</summary>
public static class NexusCommand
{
    /// <summary>The command definition.</summary>
    public static SlashCommandDefinition Definition { get; } = SlashCommand.Create("nexus", "Short answers about NEXUS, with official links")
        .Contexts(InteractionContextType.Guild)
        .String("topic", "What to explain", required: true, o => o.Choices(NexusTopics.All.Select(t => (t.Value, t.NameIn(Languages.English)))))
        .String("centre", "With topic centres: one centre's details (type a name, city, province or state)", configure: o => o.Autocomplete<CentreAutocomplete>())
        .HandledBy<NexusHandler>()
        .Build();
}

/// <summary>Answers <c>/nexus</c>: a topic, or with <c>centre</c> one centre's details. Reads only shipped reference data.</summary>
public sealed class NexusHandler(EnrolmentCentres centres) : ICommandHandler
{
    /// <inheritdoc />
    public Task<InteractionResult> HandleAsync(ICommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topicText = context.Options.GetString("topic");
        var topic = NexusTopics.Find(topicText)
            ?? throw new InvalidOptionValueException(Text.Format(Strings.Option_BadTopic, topicText));
        var code = CaseOptions.Centre(context.Options, centres);
        var embed = code is not null && centres.Find(code) is { } centre
            ? NexusEmbed.Centre(centre, centres.Find(centre.PairedWith))
            : NexusEmbed.Topic(topic);
        return Task.FromResult(InteractionResult.Reply(InteractionMessage.WithEmbeds([embed])));
    }
}
