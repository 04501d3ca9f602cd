using System.Globalization;
using System.Text.RegularExpressions;

namespace EksOps.StateMachine.Json;

/// <summary>
/// Timestamps as the Amazon States Language takes them: RFC 3339 with an uppercase <c>T</c> between date and time and
/// an uppercase <c>Z</c> or a numeric offset (<c>2026-01-01T12:00:00Z</c>, <c>2026-01-01T12:00:00.5+01:00</c>).
/// </summary>
internal static partial class Timestamps
{
    /// <summary>Parses a timestamp; false for anything that is not one.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>The Context Object's format: UTC with milliseconds, <c>2026-01-01T12:00:00.000Z</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
