using Nexus.Discord.Dispatch;
using Nexus.Discord.Models;

namespace Nexus.Bot.Localization;

/// <summary>
/// The dispatcher's own answers (a bug's reference, a timeout, a command this release lacks) in the member's
/// language: the dispatcher asks for them inside the interaction's scope, where <see cref="Languages.Current"/> is
/// already the member's.
/// </summary>
internal sealed class DispatcherTexts : IDispatcherTexts
{
    public string Error(Interaction interaction, string reference) => Text.Format(Strings.Dispatcher_Error, reference);

    public string Timeout(Interaction interaction, string reference) => Text.Format(Strings.Dispatcher_Timeout, reference);

    public string NoLongerAvailable(Interaction interaction) => Strings.Dispatcher_NoLongerAvailable;
}
