namespace Nexus.Domain.Storage;

/// <summary>
/// The request a write belongs to (for the bot, the Discord interaction), carried with the asynchronous flow so
/// that every write transaction records it without each repository method taking it as a parameter. The first
/// write transaction of a request that commits stores the request's id under a unique key (table
/// <c>request_writes</c>) in the same transaction; a replay of the request, on this instance or on another one
/// sharing the database, fails that insert and changes nothing (<see cref="ReplayedRequestException"/>).
/// </summary>
public sealed class WriteOrigin
{
    private static readonly AsyncLocal<WriteOrigin?> Ambient = new();
    private int _recorded;

    private WriteOrigin(long requestId) => RequestId = requestId;

    /// <summary>The origin of the writes in the current flow, or null (a background job, a tool).</summary>
    public static WriteOrigin? Current => Ambient.Value;

    /// <summary>The request's id, unique for the life of the stored record (a day).</summary>
    public long RequestId { get; }

    /// <summary>Whether a committed write transaction has stored the request's id already.</summary>
    internal bool Recorded => Volatile.Read(ref _recorded) == 1;

    /// <summary>
    /// Makes <paramref name="requestId"/> the origin of the writes that follow in this flow, until the returned
    /// object is disposed. Call it from the method that then awaits the request's work (a synchronous call, so
    /// the value stays set for the caller's continuation).
    /// </summary>
    public static IDisposable Begin(long requestId)
    {
        var previous = Ambient.Value;
        Ambient.Value = new WriteOrigin(requestId);
        return new Restore(previous);
    }

    internal void MarkRecorded() => Volatile.Write(ref _recorded, 1);

    private sealed class Restore(WriteOrigin? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>
/// A write was refused because its request had already written: the request is a replay (a captured request
/// sent again, or a redelivery reaching another instance). Nothing was changed.
/// </summary>
public sealed class ReplayedRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayedRequestException()
        : base("This request has already been carried out; its replay changed nothing.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReplayedRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ReplayedRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
