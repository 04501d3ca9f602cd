using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EksOps.Aws.Serialization;

/// <summary>CloudWatch Logs event times: epoch milliseconds as an integer (a string holding one is accepted too).</summary>
internal sealed class EpochMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(reader.TryGetInt64(out var ms) ? ms : (long)reader.GetDouble());
        }

        if (reader.TokenType == JsonTokenType.String
            && long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(parsed);
        }

        throw new JsonException($"Expected epoch milliseconds, got {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
}
