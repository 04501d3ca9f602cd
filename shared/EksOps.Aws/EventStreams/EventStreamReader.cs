using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace EksOps.Aws.EventStreams;

/// <summary>
/// Reads <c>application/vnd.amazon.eventstream</c> messages from a stream, one at a time, however the bytes arrive:
/// a message split over many reads and many messages in one read decode the same. Every message is checked before it
/// is returned (lengths, prelude CRC-32, message CRC-32, headers); the first bad one throws
/// <see cref="EventStreamFormatException"/>, and so does every later call, since a byte stream cannot be
/// resynchronised. A prelude that announces more than the limits is rejected before its body is buffered; a stream
/// that ends inside a message is <see cref="EventStreamErrorKind.Truncated"/>. Not thread-safe.
/// </summary>
public sealed class EventStreamReader : IDisposable, IAsyncDisposable
{
    private const int InitialBufferSize = 32 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly EventStreamReaderOptions _options;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private long _offset;
    private ExceptionDispatchInfo? _fault;
    private bool _ended;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The byte stream, e.g. an HTTP response body.</param>
    /// <param name="options">Size limits; null for the defaults.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    public EventStreamReader(Stream stream, EventStreamReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? EventStreamReaderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxHeadersLength, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxPayloadLength, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)_options.MaxHeadersLength + _options.MaxPayloadLength, Array.MaxLength - 64L, nameof(options));
    }

    /// <summary>How many bytes of the stream have been returned as messages.</summary>
    public long BytesConsumed => _offset;

    /// <summary>Reads the next message.</summary>
    /// <param name="cancellationToken">Cancels the read; the reader stays usable.</param>
    /// <returns>The message, or null when the stream ended cleanly between messages.</returns>
    /// <exception cref="EventStreamFormatException">The next message is malformed or cut short (also on every later call).</exception>
    public async ValueTask<EventStreamFrame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        _fault?.Throw();
        if (_ended)
        {
            return null;
        }

        try
        {
            while (true)
            {
                var available = _end - _start;
                var needed = EventStreamDecoder.PreludeLength;
                if (available >= EventStreamDecoder.PreludeLength)
                {
                    (needed, var headersLength) = EventStreamDecoder.ReadPrelude(_buffer.AsSpan(_start, EventStreamDecoder.PreludeLength), _options, _offset);
                    if (available >= needed)
                    {
                        var frame = EventStreamDecoder.DecodeMessage(_buffer.AsSpan(_start, needed), headersLength, _offset);
                        _start += needed;
                        _offset += needed;
                        if (_start == _end)
                        {
                            _start = _end = 0;
                        }

                        return frame;
                    }
                }

                EnsureRoom(needed);
                var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (available == 0)
                    {
                        _ended = true;
                        return null;
                    }

                    throw new EventStreamFormatException(
                        EventStreamErrorKind.Truncated,
                        available < EventStreamDecoder.PreludeLength
                            ? $"Message truncated: the stream ended {available} bytes into a 12-byte prelude (message at byte {_offset} of the stream)."
                            : $"Message truncated: the stream ended {available} bytes into a {needed}-byte message (message at byte {_offset} of the stream).",
                        _offset);
                }

                _end += read;
            }
        }
        catch (EventStreamFormatException ex)
        {
            _fault = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    /// <summary>Reads every message until the stream ends.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The messages, in order.</returns>
    /// <exception cref="EventStreamFormatException">A message is malformed or cut short.</exception>
    public async IAsyncEnumerable<EventStreamFrame> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            yield return frame;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _leaveOpen ? ValueTask.CompletedTask : _stream.DisposeAsync();

    /// <summary>Makes room for a message of <paramref name="needed"/> bytes from <see cref="_start"/>, compacting or growing the buffer.</summary>
    private void EnsureRoom(int needed)
    {
        if (_buffer.Length - _start >= needed && _end < _buffer.Length)
        {
            return;
        }

        var available = _end - _start;
        if (_buffer.Length >= needed && _buffer.Length > available)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, available);
        }
        else
        {
            var grown = new byte[(int)Math.Min(Array.MaxLength, Math.Max((long)needed, 2L * _buffer.Length))];
            Buffer.BlockCopy(_buffer, _start, grown, 0, available);
            _buffer = grown;
        }

        _start = 0;
        _end = available;
    }
}
