using System.Globalization;

namespace EksOps.Scenarios.Internal;

/// <summary>Parses ISO-8601 instants: <c>2026-11-20T10:02:00Z</c>, <c>2026-11-20T10:02:00.000+0000</c>, <c>2026-11-20T19:02:00+09:00</c>.</summary>
internal static class Instants
{
    public const string Expected = "an ISO-8601 instant with a time zone, such as \"2026-11-20T10:02:00Z\"";

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var match = Patterns.Instant().Match(text);
        if (!match.Success)
        {
            return false;
        }

        string fraction = match.Groups["fraction"].Value;
        if (fraction.Length > 8)
        {
            fraction = fraction[..8];
        }

        string offset = match.Groups["offset"].Value;
        if (offset != "Z" && offset.Length == 5)
        {
            offset = offset[..3] + ":" + offset[3..];
        }

        string normalized = match.Groups["date"].Value + "T" + match.Groups["time"].Value + fraction + (offset == "Z" ? "+00:00" : offset);
        if (!DateTimeOffset.TryParseExact(normalized, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        instant = parsed.ToUniversalTime();
        return true;
    }
}
