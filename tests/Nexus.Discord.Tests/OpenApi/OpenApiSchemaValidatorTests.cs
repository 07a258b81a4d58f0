using Nexus.Testing.OpenApi;

namespace Nexus.Discord.Tests.OpenApi;

/// <summary>The validator must be able to fail, or the tests that rely on it prove nothing.</summary>
public sealed class OpenApiSchemaValidatorTests
{
    private static readonly OpenApiSchemaValidator Spec = OpenApiSchemaValidator.Discord;

    [Fact]
    public void A_minimal_valid_command_passes()
    {
        Assert.Empty(Spec.Validate("""{"name":"help","description":"Help","type":1}""", "ApplicationCommandCreateRequest"));
    }

    [Theory]
    [InlineData("""{"description":"Help"}""", "required property 'name' is missing")]
    [InlineData("""{"name":"help","description":"Help","type":1,"options":[{"type":3,"name":"x","description":""}]}""", "shorter than 1")]
    [InlineData("""{"name":"0123456789012345678901234567890123","description":"d"}""", "longer than 32")]
    [InlineData("""{"name":"help","description":"d","contexts":[0,0]}""", "must be unique")]
    [InlineData("""{"name":"help","description":"d","contexts":[7]}""", "$.contexts[0]: matches none of oneOf")]
    [InlineData("""{"name":"help","description":"d","dm_permission":"yes"}""", "is not of type")]
    [InlineData("""{"name":"help","description":"d","default_member_permissions":"manage"}""", "is not of type")]
    public void Broken_commands_fail_with_a_path(string json, string expected)
    {
        var errors = Spec.Validate(json, "ApplicationCommandCreateRequest");

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Default_member_permissions_may_be_a_numeric_string_as_discord_documents()
    {
        Assert.Empty(Spec.Validate("""{"name":"mod","description":"d","default_member_permissions":"32"}""", "ApplicationCommandCreateRequest"));
        Assert.Empty(Spec.Validate("""{"name":"mod","description":"d","default_member_permissions":32}""", "ApplicationCommandCreateRequest"));
        Assert.NotEmpty(Spec.Validate("""{"name":"mod","description":"d","default_member_permissions":"18014398509481984"}""", "ApplicationCommandCreateRequest"));
    }

    [Theory]
    [InlineData("""{"type":4,"data":{"content":"x","flags":"64"}}""")]
    [InlineData("""{"type":8,"data":{"choices":[{"name":"","value":"x"}]}}""")]
    [InlineData("""{"type":99}""")]
    public void Broken_callbacks_fail(string json)
    {
        Assert.NotEmpty(Spec.ValidateRequestBody("create_interaction_response", json));
    }

    [Fact]
    public void Unknown_schema_names_are_a_test_bug()
    {
        Assert.Throws<ArgumentException>(() => Spec.Validate("{}", "NoSuchSchema"));
    }
}
