using System.Globalization;
using System.Text;

namespace EksOps.AlarmIngest;

/// <summary>
/// The tags an alarm must carry for AlarmIngest to act on it (<c>EKSOPS_ALARM_TAGS</c>). EventBridge's alarm events
/// carry no tags, so the rule can select alarms by name only; this filter selects them by tag, read with CloudWatch
/// <c>ListTagsForResource</c>.
/// </summary>
/// <remarks>
/// <para>Syntax: comma-separated items, each <c>key=value</c> (the tag must have exactly this value) or <c>key</c>
/// (the tag must be there, with any value); every item must hold. Example:
/// <c>eksops:managed=true,team=payments,owner</c>.</para>
/// <list type="bullet">
/// <item>Keys and values are case-sensitive, as in CloudWatch. Whitespace around items, keys and values is ignored.</item>
/// <item>A value runs from the first <c>=</c> to the next comma, so it may contain <c>=</c> but not <c>,</c>; a key may
/// contain neither. <c>key=</c> requires the tag with an empty value.</item>
/// <item>A key has 1 to 128 characters, a value at most 256 (CloudWatch's limits), and a key appears once.</item>
/// <item>An empty item (<c>a=b,,c</c>, a trailing comma), quotes and control characters are errors: the variable's
/// value is used as it is, so quotes would become part of a key.</item>
/// </list>
/// </remarks>
public sealed class AlarmTagFilter
{
    /// <summary>CloudWatch's longest tag key.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>CloudWatch's longest tag value.</summary>
    public const int MaxValueLength = 256;

    private AlarmTagFilter(IReadOnlyList<AlarmTagRequirement> requirements) => Requirements = requirements;

    /// <summary>The requirements, in the order written; never empty.</summary>
    public IReadOnlyList<AlarmTagRequirement> Requirements { get; }

    /// <summary>Parses the syntax described on <see cref="AlarmTagFilter"/>.</summary>
    /// <param name="text">The text, e.g. <c>eksops:managed=true,team=payments</c>.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="FormatException">The text is empty or breaks a rule; the message names the item (1-based) and the rule.</exception>
    public static AlarmTagFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("The tag filter is empty; write key=value or key items separated by commas.");
        }

        var requirements = new List<AlarmTagRequirement>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var items = text.Split(',');
        for (var index = 0; index < items.Length; index++)
        {
            var item = items[index].Trim();
            var where = string.Create(CultureInfo.InvariantCulture, $"item {index + 1} ('{item}')");
            if (item.Length == 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Item {index + 1} is empty: items are key=value or key, separated by single commas, with no comma at either end."));
            }

            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? item : item[..equals]).Trim();
            var value = equals < 0 ? null : item[(equals + 1)..].Trim();
            if (key.Length == 0)
            {
                throw new FormatException($"{where} has no key before '='.");
            }

            if (key.Length > MaxKeyLength)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{where}: a tag key has at most {MaxKeyLength} characters; this one has {key.Length}."));
            }

            if (value is { Length: > MaxValueLength })
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{where}: a tag value has at most {MaxValueLength} characters; this one has {value.Length}."));
            }

            if (FirstForbidden(key) is { } badKey)
            {
                throw new FormatException($"{where}: the key contains {badKey}.");
            }

            if (value is not null && FirstForbidden(value) is { } badValue)
            {
                throw new FormatException($"{where}: the value contains {badValue}.");
            }

            if (!keys.Add(key))
            {
                throw new FormatException($"{where}: the key {key} appears more than once; an alarm has one value per tag key.");
            }

            requirements.Add(new AlarmTagRequirement(key, value));
        }

        return new AlarmTagFilter(requirements);
    }

    /// <summary>The requirements <paramref name="tags"/> do not satisfy, in the order written.</summary>
    /// <param name="tags">The alarm's tags, by key.</param>
    /// <returns>Empty when the alarm is selected.</returns>
    public IReadOnlyList<AlarmTagRequirement> FindUnmet(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return [.. Requirements.Where(requirement => !requirement.IsMetBy(tags))];
    }

    /// <summary>The filter in its own syntax, normalised (no extra whitespace).</summary>
    /// <returns>For example <c>eksops:managed=true,team=payments</c>.</returns>
    public override string ToString() => string.Join(',', Requirements);

    /// <summary>The first character the syntax does not allow in a key or value, described, or <see langword="null"/>.</summary>
    private static string? FirstForbidden(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return string.Create(CultureInfo.InvariantCulture, $"the control character U+{rune.Value:X4}");
            }

            if (rune.Value is '"' or '\'')
            {
                return $"a quote ({rune}); quotes are not part of the syntax and tag keys and values cannot contain them";
            }
        }

        return null;
    }
}
