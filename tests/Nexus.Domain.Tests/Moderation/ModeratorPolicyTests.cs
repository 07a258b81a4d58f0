using Nexus.Domain.Moderation;
using Nexus.Domain.Tests.Support;

namespace Nexus.Domain.Tests.Moderation;

public sealed class ModeratorPolicyTests
{
    private const ulong Guild = 10;
    private const ulong User = 20;
    private const ulong ModRole = 30;

    [Fact]
    public void Manage_server_makes_a_moderator_of_the_server_the_command_came_from()
    {
        var moderator = Errors.AssertOk(ModeratorPolicy.Authorize(Guild, User, hasManageServer: true, [], moderatorRoleId: null));

        Assert.Equal(new Moderator(Guild, User), moderator);
    }

    [Fact]
    public void The_moderator_role_makes_a_moderator()
    {
        Assert.Equal(new Moderator(Guild, User), Errors.AssertOk(ModeratorPolicy.Authorize(Guild, User, false, [5, ModRole], ModRole)));
    }

    [Fact]
    public void Other_roles_or_no_moderator_role_set_are_refused()
    {
        const string message = "Only moderators can do this: members with the Manage Server permission or the server's moderator role.";
        Errors.AssertError(ModeratorPolicy.Authorize(Guild, User, false, [5, 6], ModRole), ModerationErrorCodes.NotModerator, message);
        Errors.AssertError(ModeratorPolicy.Authorize(Guild, User, false, [ModRole], null), ModerationErrorCodes.NotModerator, message);
    }

    [Fact]
    public void Direct_messages_are_refused_even_with_every_permission()
    {
        Errors.AssertError(
            ModeratorPolicy.Authorize(null, User, true, [ModRole], ModRole),
            ModerationErrorCodes.DirectMessage,
            "Moderator commands work only in a server, not in direct messages.");
    }
}
