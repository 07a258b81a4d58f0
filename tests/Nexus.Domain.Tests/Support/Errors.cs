using Nexus.Domain.Common;

namespace Nexus.Domain.Tests.Support;

internal static class Errors
{
    /// <summary>Asserts the result failed with exactly this code and message.</summary>
    public static void AssertError<T>(Result<T> result, string code, string message)
    {
        Assert.False(result.IsSuccess, $"Expected {code}, but the operation succeeded.");
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(message, result.Error.Message);
    }

    public static void AssertError(DomainError? error, string code, string message)
    {
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    /// <summary>Asserts the result failed with this code, and returns the error for its key and arguments.</summary>
    public static DomainError AssertFails<T>(Result<T> result, string code)
    {
        Assert.False(result.IsSuccess, $"Expected {code}, but the operation succeeded.");
        Assert.Equal(code, result.Error!.Code);
        return result.Error;
    }

    public static T AssertOk<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }
}
