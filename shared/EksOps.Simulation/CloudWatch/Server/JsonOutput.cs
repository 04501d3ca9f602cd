using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// Writes response bodies with <see cref="Utf8JsonWriter"/> (no reflection), in the AWS JSON protocols' formats. Only what
/// JSON requires is escaped, so log messages and reasons read as they were written.
/// </summary>
internal static class JsonOutput
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A CloudWatch timestamp: epoch seconds, an integer when whole, else with milliseconds.</summary>
    public static void EpochSeconds(Utf8JsonWriter writer, DateTimeOffset value)
    {
        var milliseconds = value.ToUnixTimeMilliseconds();
        if (milliseconds % 1000 == 0)
        {
            writer.WriteNumberValue(milliseconds / 1000);
            return;
        }

        Span<byte> buffer = stackalloc byte[32];
        Utf8Formatter.TryFormat(milliseconds / 1000m, buffer, out var written);
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    public static void EpochSeconds(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        writer.WritePropertyName(name);
        EpochSeconds(writer, value);
    }

    public static void OptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void StringArray(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
