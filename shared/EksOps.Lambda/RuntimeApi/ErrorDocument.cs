using System.Buffers;
using System.Text.Json;
using EksOps.Lambda.Logging;

namespace EksOps.Lambda.RuntimeApi;

/// <summary>
/// Lambda's standard error document: <c>errorType</c> (the exception's short type name, which Step Functions uses as
/// the error name), <c>errorMessage</c>, <c>stackTrace</c>, and the chain of inner exceptions as <c>cause</c>.
/// </summary>
internal static class ErrorDocument
{
    private const int MaxCauseDepth = 8;
    private const int ShortMessageLength = 8 * 1024;

    /// <summary>The error type reported for <paramref name="exception"/>.</summary>
    public static string ErrorType(Exception exception) => ExceptionFormatter.Unwrap(exception).GetType().Name;

    /// <summary>The UTF-8 JSON document, at most <see cref="RuntimeApiHeaders.MaxErrorBytes"/> long.</summary>
    public static byte[] Write(Exception exception)
    {
        exception = ExceptionFormatter.Unwrap(exception);
        var full = Serialize(exception, withDetail: true);
        if (full.Length <= RuntimeApiHeaders.MaxErrorBytes)
        {
            return full;
        }

        // Too large (a huge message or a deep chain): keep the type and the start of the message, which is what a
        // state machine and an on-call engineer read first.
        return Serialize(exception, withDetail: false);
    }

    private static byte[] Serialize(Exception exception, bool withDetail)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteException(json, exception, withDetail, depth: 0);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteException(Utf8JsonWriter json, Exception exception, bool withDetail, int depth)
    {
        json.WriteStartObject();
        json.WriteString("errorType"u8, exception.GetType().Name);
        var message = exception.Message;
        if (!withDetail && message.Length > ShortMessageLength)
        {
            message = string.Concat(message.AsSpan(0, ShortMessageLength), $"… [truncated: the error document exceeded {RuntimeApiHeaders.MaxErrorBytes} bytes]");
        }

        json.WriteString("errorMessage"u8, message);
        if (withDetail)
        {
            var lines = ExceptionFormatter.StackLines(exception).ToList();
            if (lines.Count > 0)
            {
                json.WriteStartArray("stackTrace"u8);
                foreach (var line in lines)
                {
                    json.WriteStringValue(line);
                }

                json.WriteEndArray();
            }

            if (depth < MaxCauseDepth)
            {
                if (exception is AggregateException aggregate)
                {
                    json.WriteStartArray("causes"u8);
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        WriteException(json, inner, withDetail, depth + 1);
                    }

                    json.WriteEndArray();
                }
                else if (exception.InnerException is { } inner)
                {
                    json.WritePropertyName("cause"u8);
                    WriteException(json, inner, withDetail, depth + 1);
                }
            }
        }

        json.WriteEndObject();
    }
}
