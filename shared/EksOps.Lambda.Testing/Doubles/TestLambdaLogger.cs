using System.Globalization;
using System.Text;

namespace EksOps.Lambda.Testing;

/// <summary>An <see cref="ILambdaLogger"/> that records every enabled line, for assertions. Thread-safe.</summary>
public sealed class TestLambdaLogger : ILambdaLogger
{
    private readonly Lock _gate = new();
    private readonly List<TestLogEntry> _entries = [];

    /// <summary>Lines below this level are dropped, as the runtime's logger does; default <see cref="LambdaLogLevel.Trace"/> (keep all).</summary>
    public LambdaLogLevel MinimumLevel { get; set; } = LambdaLogLevel.Trace;

    /// <summary>
    /// The recorded lines as text, one per line: <c>LEVEL message</c>, then <c>key=value</c> properties and the
    /// exception's type and message. Lock-free reads are safe once the handler under test has returned.
    /// </summary>
    public StringBuilder Buffer { get; } = new();

    /// <summary>A snapshot of the recorded lines, oldest first.</summary>
    public IReadOnlyList<TestLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <inheritdoc />
    public bool IsEnabled(LambdaLogLevel level) => level >= MinimumLevel;

    /// <inheritdoc />
    public void Log(
        LambdaLogLevel level,
        string message,
        Exception? exception = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var entry = new TestLogEntry(level, message, exception, properties is null ? null : new Dictionary<string, string>(properties));
        lock (_gate)
        {
            _entries.Add(entry);
            Buffer.Append(CultureInfo.InvariantCulture, $"{level.ToString().ToUpperInvariant()} {message}");
            if (properties is not null)
            {
                foreach (var (key, value) in properties)
                {
                    Buffer.Append(CultureInfo.InvariantCulture, $" {key}={value}");
                }
            }

            if (exception is not null)
            {
                Buffer.Append(CultureInfo.InvariantCulture, $" {exception.GetType().Name}: {exception.Message}");
            }

            Buffer.Append('\n');
        }
    }

    /// <summary>Forgets every recorded line.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            Buffer.Clear();
        }
    }
}
