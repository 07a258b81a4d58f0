using System.Reflection;
using Microsoft.Data.SqlClient;

namespace Nexus.Domain.Tests.Support;

/// <summary>
/// Builds SqlExceptions as SqlClient 7 does (its constructors are internal; there is no other way to get one
/// without a server). The arguments are bound by SqlClient's own parameter names, so a change there fails
/// here with the name that no longer matches instead of building a wrong error.
/// </summary>
public static class SqlErrors
{
    private const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>An exception with one error of <paramref name="number"/> and <paramref name="errorClass"/>, caused by <paramref name="inner"/> when given.</summary>
    public static SqlException Create(int number, byte errorClass, Exception? inner = null)
    {
        var values = new Dictionary<string, object?>
        {
            ["infoNumber"] = number,
            ["errorState"] = (byte)1,
            ["errorClass"] = errorClass,
            ["server"] = "test",
            ["errorMessage"] = $"test error {number}",
            ["procedure"] = "",
            ["lineNumber"] = 0,
            ["exception"] = null,
        };
        var errorConstructor = typeof(SqlError).GetConstructors(Internal)
            .Single(c => c.GetParameters().Select(p => p.Name!).Order().SequenceEqual(values.Keys.Order()));
        var error = (SqlError)errorConstructor.Invoke(errorConstructor.GetParameters().Select(p => values[p.Name!]).ToArray());
        var collection = (SqlErrorCollection)typeof(SqlErrorCollection).GetConstructors(Internal).Single(c => c.GetParameters().Length == 0).Invoke(null);
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(collection, [error]);
        var overloads = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static).Where(m => m.Name == "CreateException").ToList();
        SqlException exception;
        if (inner is null)
        {
            var create = overloads.Single(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(SqlErrorCollection), typeof(string)]));
            exception = (SqlException)create.Invoke(null, [collection, "16.0"])!;
        }
        else
        {
            // The overload that takes the cause, bound by name as above.
            var arguments = new Dictionary<string, object?> { ["errorCollection"] = collection, ["serverVersion"] = "16.0", ["conId"] = Guid.Empty, ["innerException"] = inner };
            var create = overloads.First(m => m.GetParameters() is [{ } first, ..] all
                && first.ParameterType == typeof(SqlErrorCollection) && all.Any(p => p.Name == "innerException"));
            exception = (SqlException)create.Invoke(null, [.. create.GetParameters().Select(p =>
                arguments.TryGetValue(p.Name!, out var value) ? value : p.HasDefaultValue ? p.DefaultValue : null)])!;
            Assert.Same(inner, exception.InnerException);
        }

        Assert.Equal((number, errorClass), (exception.Number, exception.Class));
        return exception;
    }
}
