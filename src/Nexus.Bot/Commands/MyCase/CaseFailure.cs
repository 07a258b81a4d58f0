using Nexus.Bot.Localization;
using Nexus.Discord.Dispatch;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;

namespace Nexus.Bot.Commands.MyCase;

/// <summary>
/// A domain error as the member reads it, in their language: the domain's sentence, plus the command that gets them further
/// where there is one (the domain knows no slash commands).
/// </summary>
internal static class CaseFailure
{
    /// <summary>The ephemeral failure reply for <paramref name="error"/>.</summary>
    public static InteractionResult From(DomainError error) => InteractionResult.Failure(Text(error));

    /// <summary>The message with its hint.</summary>
    public static string Text(DomainError error) => error.Code switch
    {
        CaseErrorCodes.Exists => Localization.Text.Format(Strings.Hint_Update, Localization.Text.Error(error)),
        CaseErrorCodes.NoCase => Localization.Text.Format(Strings.Hint_Start, Localization.Text.Error(error)),
        _ => Localization.Text.Error(error),
    };
}
