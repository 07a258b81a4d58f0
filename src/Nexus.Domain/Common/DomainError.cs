namespace Nexus.Domain.Common;

/// <summary>
/// An expected failure: bad input, a broken rule, a missing permission. It carries a stable
/// <see cref="Code"/> for tests and logs, and a one-sentence <see cref="Message"/> written for the member.
/// Bugs are exceptions, never <see cref="DomainError"/>s.
/// </summary>
/// <param name="Code">A stable, lowercase, dot-separated code such as <c>date.format</c>.</param>
/// <param name="Message">What was wrong and how to write it, for the member.</param>
public sealed record DomainError(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The outcome of a domain operation: a value, or a <see cref="DomainError"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, DomainError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error, when the operation failed.</summary>
    public DomainError? Error { get; }

    /// <summary>True when the operation succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The value. Throws when the result is an error: reading it then is a bug.</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"The result is an error ({Error.Code}); check IsSuccess first.");

    /// <summary>A successful result.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static Result<T> Fail(DomainError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Lets a method returning <see cref="Result{T}"/> return a value directly.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>Lets a method returning <see cref="Result{T}"/> return an error directly.</summary>
    public static implicit operator Result<T>(DomainError error) => Fail(error);

    /// <summary>Maps the value when successful and passes an error through.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? Result<TOut>.Ok(map(Value)) : Result<TOut>.Fail(Error!);
}
