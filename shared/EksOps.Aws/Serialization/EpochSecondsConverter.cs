using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EksOps.Aws.Serialization;

/// <summary>
/// AWS JSON timestamps: epoch seconds as a number, fractions allowed (<c>1795622213.99</c>); botocore's
/// <c>unixtimestamp</c> format. Reading also accepts a string holding such a number or an ISO-8601 date.
/// Precision is kept to the millisecond.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return FromSeconds(reader.GetDecimal());
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString() ?? string.Empty;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return parsed;
            }
        }

        throw new JsonException($"Expected a timestamp (epoch seconds), got {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var milliseconds = value.ToUnixTimeMilliseconds();
        if (milliseconds % 1000 == 0)
        {
            writer.WriteNumberValue(milliseconds / 1000);
        }
        else
        {
            Span<byte> buffer = stackalloc byte[32];
            Utf8Formatter.TryFormat(milliseconds / 1000m, buffer, out var written);
            writer.WriteRawValue(buffer[..written], skipInputValidation: true);
        }
    }

    private static DateTimeOffset FromSeconds(decimal seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m, MidpointRounding.AwayFromZero));
}
