using System.Globalization;
using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>
/// Container logs: out-of-memory errors, crashes (stack traces, panics, fatal errors, failed starts), refused or
/// timed-out connections to named hosts, and name resolution failures. Connection and DNS findings need a few lines
/// each, so one transient error does not make a dependency outage.
/// </summary>
internal sealed class LogAnalyzer : IAnalyzer
{
    private const int MinimumRepeats = 3;

    public string Name => "logs";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var log in snapshot.Logs)
        {
            var lines = log.Text.Split('\n');
            var dns = new List<string>();
            var connections = new List<string>();
            string? oom = null;
            string? crash = null;
            foreach (var line in lines)
            {
                if (LogPatterns.IsDnsLine(line))
                {
                    dns.Add(line);
                }
                else if (LogPatterns.IsConnectionFailureLine(line))
                {
                    connections.Add(line);
                }

                if (oom is null && LogPatterns.IsOutOfMemoryLine(line))
                {
                    oom = line;
                }

                if (LogPatterns.IsCrashLine(line))
                {
                    crash ??= line;
                }
            }

            var where = $"{(log.Previous ? "previous " : string.Empty)}log of {log.Namespace}/{log.Pod}/{log.Container}";
            if (oom is not null)
            {
                yield return Found.Make(Name, FindingKind.LogOutOfMemory, log.PodRef, $"{where}: {Trim(oom)}", log.EvidenceId, ("container", log.Container));
            }

            // A stack trace in the current log of a container that runs, is ready and never restarted is an error the
            // application caught and logged (a failed call, a rejected request), not a crash.
            if (crash is not null && !(log.Previous is false && RunsSteadily(snapshot, log)))
            {
                yield return Found.Make(Name, FindingKind.LogCrash, log.PodRef, $"{where}: {Trim(crash)}", log.EvidenceId, ("container", log.Container), ("previous", log.Previous ? "true" : "false"));
            }

            if (dns.Count >= MinimumRepeats)
            {
                var host = MostNamed(dns);
                yield return Found.Make(Name, FindingKind.LogDnsFailure, log.PodRef, $"{where}: {dns.Count} name resolution failures{(host is null ? string.Empty : " for " + host)}, e.g. {Trim(dns[^1])}",
                    log.EvidenceId, ("host", host), ("lines", dns.Count.ToString(CultureInfo.InvariantCulture)));
            }

            if (connections.Count >= MinimumRepeats)
            {
                var host = MostNamed(connections);
                yield return Found.Make(Name, FindingKind.LogConnectionFailure, log.PodRef,
                    $"{where}: {connections.Count} failed connections{(host is null ? string.Empty : " to " + host)}, e.g. {Trim(connections[^1])}",
                    log.EvidenceId, ("host", host), ("lines", connections.Count.ToString(CultureInfo.InvariantCulture)), ("share", ((double)connections.Count / Math.Max(1, lines.Length)).ToString("0.00", CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>
    /// The log's container is running, ready and has never restarted: as the pod was read in full, else as its list row
    /// shows it (running, every container ready, no restarts).
    /// </summary>
    internal static bool RunsSteadily(ClusterSnapshot snapshot, ObservedLog log)
    {
        if (snapshot.Get(log.PodRef) is not { } pod)
        {
            return snapshot.Listed(log.PodRef) is { LooksHealthyPod: true };
        }

        if (JsonFields.Str(pod.Object, "status", "phase") != "Running")
        {
            return false;
        }

        var statuses = Investigation.ContainerStatuses(pod).ToList();
        var status = statuses.FirstOrDefault(c => JsonFields.Str(c, "name") == log.Container) ?? (statuses.Count == 1 ? statuses[0] : null);
        return status is not null
            && JsonFields.Object(status, "state", "running") is not null
            && JsonFields.Bool(status, "ready") == true
            && (JsonFields.Long(status, "restartCount") ?? 0) == 0;
    }

    private static string? MostNamed(IEnumerable<string> lines) =>
        lines.Select(LogPatterns.Host).OfType<string>().GroupBy(h => h, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

    private static string Trim(string line)
    {
        var text = line.Trim();
        return text.Length <= 240 ? text : text[..240] + "…";
    }
}
