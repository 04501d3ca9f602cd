namespace EksOps.AlarmIngest;

/// <summary>One item of <c>EKSOPS_ALARM_TAGS</c>: the alarm must carry the tag <see cref="Key"/>, with exactly <see cref="Value"/> when one is given.</summary>
/// <param name="Key">The tag key (case-sensitive, as in CloudWatch).</param>
/// <param name="Value">The value the tag must have (case-sensitive; empty means an empty value); <see langword="null"/> means any value.</param>
public sealed record AlarmTagRequirement(string Key, string? Value)
{
    /// <summary>Whether <paramref name="tags"/> satisfy this requirement.</summary>
    /// <param name="tags">The alarm's tags, by key.</param>
    /// <returns><see langword="true"/> when the tag is there (with the required value, if any).</returns>
    public bool IsMetBy(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(Key, out var actual) && (Value is null || string.Equals(actual, Value, StringComparison.Ordinal));
    }

    /// <summary>Why <paramref name="tags"/> do not satisfy this requirement, in a few words for the log.</summary>
    /// <param name="tags">The alarm's tags, by key.</param>
    /// <returns>For example <c>no tag eksops:managed</c> or <c>team is "checkout", not "payments"</c>.</returns>
    public string DescribeMismatch(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(Key, out var actual)
            ? $"{Key} is \"{actual}\", not \"{Value}\""
            : $"no tag {Key}";
    }

    /// <summary>The requirement as <c>EKSOPS_ALARM_TAGS</c> writes it: <c>key=value</c>, or <c>key</c> for any value.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value is null ? Key : Key + "=" + Value;
}
