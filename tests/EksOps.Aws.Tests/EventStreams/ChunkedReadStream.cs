namespace EksOps.Aws.Tests.EventStreams;

/// <summary>
/// A read-only stream that hands out its bytes in the given piece sizes (cycling through them), as a network would.
/// It refuses more than a few reads after the end, so a reader that loops without progress fails instead of hanging.
/// </summary>
internal sealed class ChunkedReadStream(byte[] data, IReadOnlyList<int> pieces) : Stream
{
    private const int ReadsAllowedAfterEnd = 3;

    private int _position;
    private int _piece;
    private int _readsAfterEnd;

    public ChunkedReadStream(byte[] data, int pieceSize)
        : this(data, [pieceSize])
    {
    }

    public int Reads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        if (_position >= data.Length)
        {
            if (++_readsAfterEnd > ReadsAllowedAfterEnd)
            {
                throw new InvalidOperationException("The reader keeps reading a stream that has ended.");
            }

            return 0;
        }

        var size = Math.Max(1, pieces.Count == 0 ? data.Length : pieces[_piece++ % pieces.Count]);
        var count = Math.Min(Math.Min(size, buffer.Length), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
