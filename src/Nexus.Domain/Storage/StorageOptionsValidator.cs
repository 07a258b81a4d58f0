using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Nexus.Domain.Storage;

/// <summary>
/// Runs the data annotations of <see cref="StorageOptions"/> and reports their messages as they are
/// written (each names its configuration key), so the bot can stop with exactly that line.
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? "Storage options are invalid."));
    }
}
