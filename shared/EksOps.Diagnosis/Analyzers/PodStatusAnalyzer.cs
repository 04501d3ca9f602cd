using System.Globalization;
using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>
/// Pods' container states (k8sgpt's pod analyzer): waiting reasons (CrashLoopBackOff, image pulls, configuration
/// errors), recent terminations with reason and exit code (OOMKilled/137 apart from application errors), evictions,
/// and the kubelet's pull and configuration failures reported as events.
/// </summary>
internal sealed class PodStatusAnalyzer : IAnalyzer
{
    private static readonly string[] PullReasons = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable"];

    public string Name => "pod-status";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var pod in snapshot.OfKind("Pod"))
        {
            foreach (var finding in AnalyzePod(snapshot, pod))
            {
                yield return finding;
            }
        }

        foreach (var e in snapshot.Events.Where(e => e.IsWarning && e.Involved.Kind == "Pod" && snapshot.InWindow(e.LastSeen)))
        {
            if (e.Reason is "Failed" or "ErrImagePull" && (e.Message.Contains("pull", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("ImagePull", StringComparison.Ordinal)))
            {
                yield return Found.Make(Name, FindingKind.ImagePullFailure, e.Involved, $"{e.Involved}: {e.Message} (x{e.Count})", e.EvidenceId, ("source", "event"));
            }
            else if (e.Reason is "Failed" or "FailedMount" && IsMissingConfig(e.Message))
            {
                yield return Found.Make(Name, FindingKind.ContainerConfigError, e.Involved, $"{e.Involved}: {e.Message} (x{e.Count})", e.EvidenceId, ("source", "event"));
            }
        }
    }

    private IEnumerable<Finding> AnalyzePod(ClusterSnapshot snapshot, ObservedObject pod)
    {
        var reference = pod.Ref;
        if (JsonFields.Str(pod.Object, "status", "reason") == "Evicted")
        {
            yield return Found.Make(Name, FindingKind.PodEvicted, reference, $"{reference} was evicted: {JsonFields.Str(pod.Object, "status", "message")}", pod.EvidenceId,
                ("node", JsonFields.Str(pod.Object, "spec", "nodeName")));
        }

        foreach (var status in Investigation.ContainerStatuses(pod))
        {
            var container = JsonFields.Str(status, "name") ?? string.Empty;
            var waitingReason = JsonFields.Str(status, "state", "waiting", "reason");
            var waitingMessage = JsonFields.Str(status, "state", "waiting", "message");
            var last = JsonFields.Object(status, "lastState", "terminated") ?? JsonFields.Object(status, "state", "terminated");
            var lastReason = JsonFields.Str(last, "reason");
            var exitCode = JsonFields.Long(last, "exitCode");
            var finished = JsonFields.Time(last, "finishedAt");
            var restarts = JsonFields.Long(status, "restartCount") ?? 0;

            if (waitingReason is not null && PullReasons.Contains(waitingReason))
            {
                yield return Found.Make(Name, FindingKind.ImagePullFailure, reference, $"{reference} container {container} is waiting in {waitingReason}: {waitingMessage}", pod.EvidenceId,
                    ("container", container), ("image", JsonFields.Str(status, "image")), ("reason", waitingReason));
            }
            else if (waitingReason is "CreateContainerConfigError" or "CreateContainerError")
            {
                yield return Found.Make(Name, FindingKind.ContainerConfigError, reference, $"{reference} container {container} is waiting in {waitingReason}: {waitingMessage}", pod.EvidenceId,
                    ("container", container), ("reason", waitingReason));
            }
            else if (waitingReason == "CrashLoopBackOff")
            {
                yield return Found.Make(Name, FindingKind.CrashLoopBackOff, reference,
                    $"{reference} container {container} is in CrashLoopBackOff after {restarts} restarts (last exit: {lastReason ?? "unknown"}, code {Code(exitCode)})", pod.EvidenceId,
                    ("container", container), ("lastReason", lastReason), ("exitCode", Code(exitCode)));
            }

            if (last is null || !snapshot.InWindow(finished))
            {
                continue;
            }

            if (lastReason == "OOMKilled")
            {
                yield return Found.Make(Name, FindingKind.OomKilled, reference,
                    $"{reference} container {container} was OOMKilled (exit code {Code(exitCode)}) at {finished:HH:mm:ss}; memory limit {MemoryLimit(pod, container) ?? "not set"}", pod.EvidenceId,
                    ("container", container), ("exitCode", Code(exitCode)), ("memoryLimit", MemoryLimit(pod, container)));
            }
            else if (exitCode is { } code && code != 0)
            {
                yield return Found.Make(Name, FindingKind.ContainerExitedWithError, reference,
                    $"{reference} container {container} exited with code {code} ({lastReason ?? "no reason"}) at {finished:HH:mm:ss}, {restarts} restarts", pod.EvidenceId,
                    ("container", container), ("exitCode", Code(exitCode)), ("reason", lastReason));
            }
        }
    }

    internal static bool IsMissingConfig(string message) =>
        (message.Contains("configmap", StringComparison.OrdinalIgnoreCase) || message.Contains("secret", StringComparison.OrdinalIgnoreCase))
        && (message.Contains("not found", StringComparison.OrdinalIgnoreCase) || message.Contains("couldn't find key", StringComparison.OrdinalIgnoreCase));

    private static string Code(long? exitCode) => exitCode?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string? MemoryLimit(ObservedObject pod, string container) =>
        JsonFields.Objects(pod.Object, "spec", "containers").Where(c => JsonFields.Str(c, "name") == container).Select(c => JsonFields.Str(c, "resources", "limits", "memory")).FirstOrDefault();
}
