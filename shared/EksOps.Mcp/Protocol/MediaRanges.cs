using System.Globalization;

namespace EksOps.Mcp.Protocol;

/// <summary>What an <c>Accept</c> header admits of the two bodies a Streamable HTTP server can send.</summary>
internal static class MediaRanges
{
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";

    /// <summary>Whether <paramref name="accept"/> admits <paramref name="mediaType"/> (a missing header admits anything, RFC 9110 §12.5.1).</summary>
    public static bool Admits(string? accept, string mediaType)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        string type = mediaType[..mediaType.IndexOf('/', StringComparison.Ordinal)];
        foreach (string range in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parameters = range.Split(';', StringSplitOptions.TrimEntries);
            string name = parameters[0];
            bool matches = name.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
                || name.Equals(type + "/*", StringComparison.OrdinalIgnoreCase)
                || name == "*/*";
            if (matches && !parameters.Skip(1).Any(IsZeroQuality))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsZeroQuality(string parameter) =>
        parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
        && double.TryParse(parameter.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out double quality)
        && quality <= 0;
}
