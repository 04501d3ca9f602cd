using System.Globalization;
using System.Text.RegularExpressions;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>
/// Reads the scheduler's "0/7 nodes are available: 4 Insufficient memory, 3 node(s) had untolerated taint …" into
/// why pods cannot be placed: resources, constraints or volumes, by the number of nodes each reason excludes.
/// </summary>
internal static partial class SchedulerMessage
{
    public static FindingKind? Classify(string message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        var lower = message.ToLowerInvariant();
        if (lower.Contains("persistentvolumeclaim", StringComparison.Ordinal) || lower.Contains("volumebinding", StringComparison.Ordinal)
            || lower.Contains("provisioning failed", StringComparison.Ordinal) || lower.Contains("unbound immediate", StringComparison.Ordinal)
            || lower.Contains("volume node affinity conflict", StringComparison.Ordinal) || lower.Contains("pvc", StringComparison.Ordinal))
        {
            return FindingKind.UnschedulableVolume;
        }

        // Only the part before "preemption:" says why nodes were rejected.
        var reasons = lower.Split("preemption:", 2)[0];
        long resources = 0, constraints = 0;
        foreach (Match match in Reason().Matches(reasons))
        {
            var count = long.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
            var text = match.Groups["text"].Value;
            if (text.Contains("insufficient", StringComparison.Ordinal) || text.Contains("too many pods", StringComparison.Ordinal))
            {
                resources += count;
            }
            else if (text.Contains("affinity", StringComparison.Ordinal) || text.Contains("selector", StringComparison.Ordinal) || text.Contains("taint", StringComparison.Ordinal)
                     || text.Contains("unschedulable", StringComparison.Ordinal) || text.Contains("topology spread", StringComparison.Ordinal)
                     || text.Contains("free ports", StringComparison.Ordinal) || text.Contains("didn't match", StringComparison.Ordinal))
            {
                constraints += count;
            }
        }

        if (resources == 0 && constraints == 0)
        {
            return reasons.Contains("insufficient", StringComparison.Ordinal) ? FindingKind.UnschedulableResources
                : reasons.Contains("taint", StringComparison.Ordinal) || reasons.Contains("affinity", StringComparison.Ordinal) ? FindingKind.UnschedulableConstraints
                : null;
        }

        return resources >= constraints ? FindingKind.UnschedulableResources : FindingKind.UnschedulableConstraints;
    }

    [GeneratedRegex(@"(?<count>\d+)\s+(?<text>[^,.:]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Reason();
}
