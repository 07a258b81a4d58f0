namespace Nexus.Domain.Common;

/// <summary>
/// An expected failure: bad input, a broken rule, a missing permission. It carries a stable
/// <see cref="Code"/> for tests and logs, a one-sentence English <see cref="Message"/>, and the
/// <see cref="Key"/> and <see cref="Arguments"/> from which the application words it in the member's language.
/// Bugs are exceptions, never <see cref="DomainError"/>s.
/// </summary>
/// <param name="Code">A stable, lowercase, dot-separated code such as <c>date.format</c>.</param>
/// <param name="Message">What was wrong and how to write it, in English (logs, and callers with no translations).</param>
public sealed record DomainError(string Code, string Message)
{
    /// <summary>
    /// Which sentence this is: <see cref="Code"/> unless one code has several sentences (e.g. <c>rule.order.after</c>).
    /// The application keeps one text per key and language.
    /// </summary>
    public string Key { get; init; } = Code;

    /// <summary>
    /// The values the sentence names, in placeholder order: numbers, the member's own text, <see cref="DateOnly"/>
    /// values, and <see cref="Phrase"/>s for words the application translates (a milestone, a rule).
    /// </summary>
    public IReadOnlyList<object> Arguments { get; init; } = [];

    /// <summary>An error whose sentence is <paramref name="key"/> (one of several sentences of its code) with <paramref name="arguments"/>.</summary>
    public static DomainError Keyed(string code, string message, string key, params object[] arguments) =>
        new(code, message) { Key = key, Arguments = arguments };

    /// <summary>An error whose sentence is its <paramref name="code"/> with <paramref name="arguments"/>.</summary>
    public static DomainError Of(string code, string message, params object[] arguments) =>
        new(code, message) { Arguments = arguments };

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

/// <summary>
/// A word or phrase inside a <see cref="DomainError"/> that the application words in the member's language, by
/// key: e.g. <c>milestone.subject.conditional</c> ("Conditional approval") or <c>milestone.noun.card</c> ("card date").
/// </summary>
/// <param name="Key">A stable, lowercase, dot-separated key.</param>
/// <param name="English">The English words, as <see cref="DomainError.Message"/> uses them.</param>
public sealed record Phrase(string Key, string English)
{
    /// <inheritdoc />
    public override string ToString() => English;
}
