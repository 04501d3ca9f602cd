using System.Globalization;

namespace EksOps.Alarms;

/// <summary>Parses the timestamp formats found in alarm events.</summary>
internal static class AlarmTimestamps
{
    /// <summary>An example shown in error messages.</summary>
    public const string Example = "2019-10-02T17:04:40.989+0000";

    // "zzz" accepts both "+0000" (alarm data) and "+00:00" (ordinary ISO-8601); the fraction is optional with "F".
    // A literal 'Z' covers the EventBridge envelope's "2019-10-02T17:04:40Z". An offset is always required.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A canonical, culture-invariant UTC rendering with 100 ns precision, used for hashing.</summary>
    public static string Canonical(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
