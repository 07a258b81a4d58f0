using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nexus.Benchmarks;

/// <summary>What one request came back with.</summary>
internal enum Outcome
{
    /// <summary>200 with the expected first response (PONG, or a message).</summary>
    Ok,

    /// <summary>200 with a deferral (type 5): the handler ran past Discord:Dispatch:DeferAfter.</summary>
    Deferred,

    /// <summary>Anything else: another status, a generic error reply, a transport failure.</summary>
    Error,
}

/// <summary>
/// Sends signed requests to the bot's endpoint over keep-alive HTTP/1.1 connections and times them.
/// </summary>
/// <remarks>
/// The generator shares the machine's two cores with the bot, so whatever it spends per request is taken from
/// the server it measures. Like wrk, it writes each request as bytes prepared in advance on a plain socket and
/// reads only what it needs of the response (status, length or chunks, body); HttpClient cost about 160 µs
/// of CPU per request here, a third of a core at 4,000 requests a second. Calls block: each worker is a
/// thread of its own with its own connection, which costs the kernel a send, a receive and a wake-up per
/// request, and none of the event loop and thread pool hand-offs of asynchronous sockets.
/// </remarks>
internal sealed class LoadClient : IDisposable
{
    private readonly DnsEndPoint _endPoint;
    private readonly string _host;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<Connection> _idle = [];
    private readonly ConcurrentDictionary<SignedRequest, byte[]> _wire = new(ReferenceEqualityComparer.Instance);

    public LoadClient(Uri baseAddress, int connections)
    {
        _endPoint = new DnsEndPoint(baseAddress.Host, baseAddress.Port);
        _host = baseAddress.Authority;
        _slots = new SemaphoreSlim(connections, connections);
    }

    /// <summary>Sends one request and waits for the response; returns its outcome and the elapsed Stopwatch ticks.</summary>
    public (Outcome Outcome, long Ticks) Send(SignedRequest request)
    {
        var wire = _wire.GetOrAdd(request, Serialise);
        _slots.Wait();
        var start = Stopwatch.GetTimestamp();
        Connection? connection = null;
        try
        {
            connection = _idle.TryTake(out var idle) ? idle : Connection.Open(_endPoint);
            var (status, body) = connection.Exchange(wire);
            var ticks = Stopwatch.GetTimestamp() - start;

            // Classified before the connection goes back: the body lives in its buffer.
            var outcome = Classify(status, body.Span);
            _idle.Add(connection);
            connection = null;
            return (outcome, ticks);
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
        {
            return (Outcome.Error, Stopwatch.GetTimestamp() - start);
        }
        finally
        {
            // A connection that failed mid-exchange is in an unknown state: closed, never reused.
            connection?.Dispose();
            _slots.Release();
        }
    }

    private byte[] Serialise(SignedRequest request)
    {
        var head = Encoding.ASCII.GetBytes(
            "POST /interactions HTTP/1.1\r\n"
            + $"Host: {_host}\r\n"
            + "Content-Type: application/json\r\n"
            + $"Content-Length: {request.Body.Length.ToString(CultureInfo.InvariantCulture)}\r\n"
            + $"X-Signature-Ed25519: {request.Signature}\r\n"
            + $"X-Signature-Timestamp: {request.Timestamp}\r\n"
            + "\r\n");
        return [.. head, .. request.Body];
    }

    private static Outcome Classify(int status, ReadOnlySpan<byte> body)
    {
        if (status != 200 || body.Length < 10)
        {
            return Outcome.Error;
        }

        // {"type":N,... : the first response type is the 9th byte.
        if (body[8] == (byte)'5')
        {
            return Outcome.Deferred;
        }

        // The dispatcher's answer to an exception (a reference id for a moderator) counts as an error.
        return body.IndexOf("Something went wrong"u8) >= 0 ? Outcome.Error : Outcome.Ok;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _slots.Dispose();
    }

    /// <summary>One keep-alive connection: writes a request, reads one response (Content-Length or chunked).</summary>
    private sealed class Connection : IDisposable
    {
        private readonly Socket _socket;
        private byte[] _buffer = new byte[16 * 1024];
        private byte[] _body = new byte[16 * 1024];

        // Bytes received and not yet parsed: [_start, _end) of _buffer.
        private int _start;
        private int _end;

        private Connection(Socket socket) => _socket = socket;

        public static Connection Open(EndPoint endPoint)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(endPoint);
                return new Connection(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public (int Status, ReadOnlyMemory<byte> Body) Exchange(byte[] request)
        {
            var sent = 0;
            while (sent < request.Length)
            {
                sent += _socket.Send(request, sent, request.Length - sent, SocketFlags.None);
            }

            var headerEnd = Find("\r\n\r\n"u8.ToArray());
            var head = _buffer.AsSpan(_start, headerEnd - _start);
            if (head.Length < 12 || !head.StartsWith("HTTP/1.1 "u8))
            {
                throw new InvalidDataException("Not an HTTP/1.1 response.");
            }

            var status = ((head[9] - '0') * 100) + ((head[10] - '0') * 10) + (head[11] - '0');
            var length = HeaderValue(head, "content-length:"u8);
            var chunked = HeaderValue(head, "transfer-encoding:"u8) is { } te && Encoding.ASCII.GetString(te).Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase);
            _start = headerEnd + 4;
            var bodyLength = 0;
            if (chunked)
            {
                while (true)
                {
                    var lineEnd = Find("\r\n"u8.ToArray());
                    var size = int.Parse(Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    _start = lineEnd + 2;
                    CopyBody(size, bodyLength);
                    bodyLength += size;
                    Ensure(2); // the CRLF after the chunk data
                    _start += 2;
                    if (size == 0)
                    {
                        break;
                    }
                }
            }
            else if (length is { } text)
            {
                var size = int.Parse(Encoding.ASCII.GetString(text).Trim(), CultureInfo.InvariantCulture);
                CopyBody(size, 0);
                bodyLength = size;
            }

            return (status, _body.AsMemory(0, bodyLength));
        }

        public void Dispose() => _socket.Dispose();

        // The value after `name` (lower-case, colon included) in the header block, or null.
        private static byte[]? HeaderValue(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name)
        {
            foreach (var range in head.Split("\r\n"u8))
            {
                var line = head[range];
                if (line.Length > name.Length && Ascii.EqualsIgnoreCase(line[..name.Length], name))
                {
                    return line[name.Length..].ToArray();
                }
            }

            return null;
        }

        private void CopyBody(int size, int at)
        {
            if (_body.Length < at + size)
            {
                Array.Resize(ref _body, Math.Max(_body.Length * 2, at + size));
            }

            var copied = 0;
            while (copied < size)
            {
                Ensure(1);
                var take = Math.Min(size - copied, _end - _start);
                Buffer.BlockCopy(_buffer, _start, _body, at + copied, take);
                _start += take;
                copied += take;
            }
        }

        // The index where `marker` begins in the received bytes, receiving more until it is there.
        private int Find(byte[] marker)
        {
            var searched = _start;
            while (true)
            {
                var found = _buffer.AsSpan(searched, _end - searched).IndexOf(marker);
                if (found >= 0)
                {
                    return searched + found;
                }

                searched = Math.Max(_start, _end - marker.Length + 1);
                var before = _start;
                Receive();
                searched -= before - _start;
            }
        }

        private void Ensure(int count)
        {
            while (_end - _start < count)
            {
                Receive();
            }
        }

        // Moves the unparsed bytes to the front (growing the buffer if full) and receives more.
        private void Receive()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = _socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            _end += read;
        }
    }
}

/// <summary>Runs <c>body(worker)</c> on <paramref name="count"/> threads of their own and waits for all of them.</summary>
internal static class Workers
{
    public static void Run(int count, Action<int> body)
    {
        var threads = Enumerable.Range(0, count).Select(worker => new Thread(() => body(worker)) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }
}

/// <summary>Latency figures in milliseconds from Stopwatch ticks.</summary>
internal sealed record Latency(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static Latency Of(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new Latency(0, 0, 0, 0, 0, 0);
        }

        var sorted = ticks.Order().ToArray();
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double q) => Ms(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]);
        return new Latency(sorted.Length, At(0.50), At(0.95), At(0.99), Ms(sorted[^1]), sorted.Average(t => Ms(t)));
    }
}
