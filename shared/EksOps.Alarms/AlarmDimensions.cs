using System.Collections.Frozen;

namespace EksOps.Alarms;

/// <summary>Builds the immutable, ordinal dimension maps used by <see cref="AlarmMetricStat.Dimensions"/>.</summary>
internal static class AlarmDimensions
{
    public static IReadOnlyDictionary<string, string> Empty { get; } =
        FrozenDictionary<string, string>.Empty.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Freeze(Dictionary<string, string> dimensions) =>
        dimensions.Count == 0 ? Empty : dimensions.ToFrozenDictionary(StringComparer.Ordinal);
}
