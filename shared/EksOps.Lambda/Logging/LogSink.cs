using System.Buffers;

namespace EksOps.Lambda.Logging;

/// <summary>
/// Writes whole lines to the function's output in one write each. Lambda turns every line of stdout into one log
/// event, so a log line or an EMF document must never be interleaved with another writer's bytes.
/// </summary>
internal sealed class LogSink(Stream output)
{
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _line = new(1024);

    /// <summary>Writes <paramref name="utf8Line"/> followed by a newline.</summary>
    public void WriteLine(ReadOnlySpan<byte> utf8Line)
    {
        lock (_gate)
        {
            _line.ResetWrittenCount();
            _line.Write(utf8Line);
            _line.Write("\n"u8);
            try
            {
                output.Write(_line.WrittenSpan);
                output.Flush();
            }
            catch (IOException)
            {
                // A closed stdout must not take an invocation down with it: the line is lost, the work is not.
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
