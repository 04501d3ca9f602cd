using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EksOps.Lambda.Logging;

/// <summary>
/// The runtime's logger: text or JSON lines, filtered by level, stamped with the current request id.
/// </summary>
internal sealed class LambdaLogger : ILambdaLogger
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly LogSink _sink;
    private readonly LambdaLogFormat _format;
    private readonly LambdaLogLevel _minimumLevel;
    private readonly TimeProvider _time;
    private readonly string? _requestId;
    private readonly string? _traceId;

    public LambdaLogger(LogSink sink, LambdaLogFormat format, LambdaLogLevel minimumLevel, TimeProvider time)
        : this(sink, format, minimumLevel, time, requestId: null, traceId: null)
    {
    }

    private LambdaLogger(
        LogSink sink, LambdaLogFormat format, LambdaLogLevel minimumLevel, TimeProvider time, string? requestId, string? traceId)
    {
        _sink = sink;
        _format = format;
        _minimumLevel = minimumLevel;
        _time = time;
        _requestId = requestId;
        _traceId = traceId;
    }

    public LambdaLogFormat Format => _format;

    public LambdaLogLevel MinimumLevel => _minimumLevel;

    /// <summary>A logger for one invocation, sharing this one's output and settings.</summary>
    public LambdaLogger ForInvocation(string requestId, string? traceId) =>
        new(_sink, _format, _minimumLevel, _time, requestId, string.IsNullOrEmpty(traceId) ? null : traceId);

    public bool IsEnabled(LambdaLogLevel level) => level >= _minimumLevel;

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

        var buffer = new ArrayBufferWriter<byte>(256);
        var timestamp = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        if (_format == LambdaLogFormat.Json)
        {
            WriteJson(buffer, timestamp, level, message, exception, properties);
        }
        else
        {
            WriteText(buffer, timestamp, level, message, exception, properties);
        }

        _sink.WriteLine(buffer.WrittenSpan);
    }

    /// <summary>The name Lambda's log-level filter understands, as written in the <c>level</c> key.</summary>
    public static string LevelName(LambdaLogLevel level) => level switch
    {
        LambdaLogLevel.Trace => "TRACE",
        LambdaLogLevel.Debug => "DEBUG",
        LambdaLogLevel.Information => "INFO",
        LambdaLogLevel.Warning => "WARN",
        LambdaLogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    /// <summary>Parses <c>AWS_LAMBDA_LOG_LEVEL</c>; <see langword="null"/> when the value is not one Lambda defines.</summary>
    public static LambdaLogLevel? ParseLevel(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LambdaLogLevel.Trace,
        "DEBUG" => LambdaLogLevel.Debug,
        "INFO" or "INFORMATION" => LambdaLogLevel.Information,
        "WARN" or "WARNING" => LambdaLogLevel.Warning,
        "ERROR" => LambdaLogLevel.Error,
        "FATAL" or "CRITICAL" => LambdaLogLevel.Critical,
        _ => null,
    };

    /// <summary>Parses <c>AWS_LAMBDA_LOG_FORMAT</c> (<c>Text</c> or <c>JSON</c>, any case); text otherwise.</summary>
    public static LambdaLogFormat ParseFormat(string? value) =>
        string.Equals(value?.Trim(), "JSON", StringComparison.OrdinalIgnoreCase) ? LambdaLogFormat.Json : LambdaLogFormat.Text;

    private void WriteJson(
        ArrayBufferWriter<byte> buffer,
        string timestamp,
        LambdaLogLevel level,
        string message,
        Exception? exception,
        IReadOnlyDictionary<string, string>? properties)
    {
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteString("timestamp"u8, timestamp);
        json.WriteString("level"u8, LevelName(level));
        if (_requestId is not null)
        {
            json.WriteString("requestId"u8, _requestId);
        }

        if (_traceId is not null)
        {
            json.WriteString("traceId"u8, _traceId);
        }

        json.WriteString("message"u8, message);
        if (properties is not null)
        {
            foreach (var (key, value) in properties)
            {
                if (!IsReservedJsonKey(key))
                {
                    json.WriteString(key, value);
                }
            }
        }

        if (exception is not null)
        {
            json.WriteString("errorType"u8, exception.GetType().FullName);
            json.WriteString("errorMessage"u8, exception.Message);
            json.WriteStartArray("stackTrace"u8);
            foreach (var frame in ExceptionFormatter.StackLines(exception))
            {
                json.WriteStringValue(frame);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private void WriteText(
        ArrayBufferWriter<byte> buffer,
        string timestamp,
        LambdaLogLevel level,
        string message,
        Exception? exception,
        IReadOnlyDictionary<string, string>? properties)
    {
        var line = new StringBuilder(timestamp.Length + message.Length + 64)
            .Append(timestamp).Append('\t')
            .Append(_requestId).Append('\t')
            .Append(LevelName(level)).Append('\t')
            .Append(message);
        if (properties is not null)
        {
            foreach (var (key, value) in properties)
            {
                line.Append(' ').Append(key).Append('=').Append(value);
            }
        }

        if (exception is not null)
        {
            line.Append('\n').Append(exception);
        }

        // Lambda splits stdout into log events at '\n'; a carriage return keeps a multi-line message in one event,
        // as Lambda's own runtimes do.
        line.Replace("\r\n", "\r").Replace('\n', '\r');
        var text = line.ToString();
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static bool IsReservedJsonKey(string key) =>
        key is "timestamp" or "level" or "requestId" or "traceId" or "message" or "errorType" or "errorMessage" or "stackTrace";
}
