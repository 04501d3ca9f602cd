using System.Text;

namespace EksOps.Lambda.Testing;

/// <summary>
/// A write-only stream that keeps what is written as UTF-8 lines, for <see cref="LambdaRuntimeOptions.Output"/>: the
/// runtime writes one log line or EMF document per <c>\n</c>-terminated line, as Lambda reads stdout. Thread-safe.
/// </summary>
public sealed class CapturedOutputStream : Stream
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly MemoryStream _all = new();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];
    private int _lineStart;

    /// <summary>A snapshot of the complete lines written so far, without their <c>\n</c>.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Everything written so far, decoded as UTF-8.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(_all.GetBuffer(), 0, (int)_all.Length);
            }
        }
    }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length
    {
        get
        {
            lock (_gate)
            {
                return _all.Length;
            }
        }
    }

    /// <inheritdoc />
    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    /// <summary>Waits until a complete line matching <paramref name="predicate"/> has been written (or returns one already written).</summary>
    /// <param name="predicate">Which line to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The first matching line.</returns>
    public Task<string> WaitForLineAsync(Func<string, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_gate)
        {
            foreach (var line in _lines)
            {
                if (predicate(line))
                {
                    return Task.FromResult(line);
                }
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, found));
            return found.Task.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        List<(TaskCompletionSource<string> Found, string Line)>? matched = null;
        lock (_gate)
        {
            _all.Write(buffer);
            var data = _all.GetBuffer();
            var end = (int)_all.Length;
            for (var i = end - buffer.Length; i < end; i++)
            {
                if (data[i] != (byte)'\n')
                {
                    continue;
                }

                var line = Encoding.UTF8.GetString(data, _lineStart, i - _lineStart);
                _lineStart = i + 1;
                _lines.Add(line);
                for (var w = _waiters.Count - 1; w >= 0; w--)
                {
                    if (_waiters[w].Predicate(line))
                    {
                        (matched ??= []).Add((_waiters[w].Found, line));
                        _waiters.RemoveAt(w);
                    }
                }
            }
        }

        if (matched is not null)
        {
            foreach (var (found, line) in matched)
            {
                found.TrySetResult(line);
            }
        }
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Write(buffer.AsSpan(offset, count));
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
