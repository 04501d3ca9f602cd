using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>
/// Services without ready endpoints (k8sgpt's service analyzer) and, when no pod matches the selector at all, the
/// label that differs from the pods that look like the Service's backends.
/// </summary>
internal sealed class ServiceAnalyzer : IAnalyzer
{
    public string Name => "services";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var service in snapshot.OfKind("Service"))
        {
            var selector = JsonFields.Map(service.Object, "spec", "selector");
            var endpoints = snapshot.Get("Endpoints", service.Namespace, service.Name);
            if (selector.Count == 0 || endpoints is null)
            {
                continue;
            }

            var subsets = JsonFields.Objects(endpoints.Object, "subsets").ToList();
            var ready = subsets.Sum(s => JsonFields.Array(s, "addresses").Count);
            var notReady = subsets.Sum(s => JsonFields.Array(s, "notReadyAddresses").Count);
            if (ready > 0)
            {
                continue;
            }

            var matching = snapshot.OfKind("Pod", service.Namespace).Where(p => Matches(selector, JsonFields.Map(p.Object, "metadata", "labels"))).ToList();
            yield return Found.Make(Name, FindingKind.ServiceWithoutEndpoints, service.Ref,
                $"{service.Ref} has no ready endpoints ({notReady} not ready) for selector {Format(selector)}", [service.EvidenceId, endpoints.EvidenceId],
                ("notReady", notReady.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("selectedPodsSeen", matching.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            if (notReady > 0 || matching.Count > 0)
            {
                continue;
            }

            // Pods sharing a selector key but not its value are the backends the selector misses.
            var nearMiss = snapshot.OfKind("Pod", service.Namespace)
                .Select(p => (Pod: p, Labels: JsonFields.Map(p.Object, "metadata", "labels")))
                .Where(p => selector.Any(s => p.Labels.GetValueOrDefault(s.Key) == s.Value))
                .OrderByDescending(p => selector.Count(s => p.Labels.GetValueOrDefault(s.Key) == s.Value))
                .FirstOrDefault();
            if (nearMiss.Pod is not null)
            {
                var differing = selector.Where(s => nearMiss.Labels.GetValueOrDefault(s.Key) != s.Value)
                    .Select(s => $"{s.Key}={s.Value} (pods have {nearMiss.Labels.GetValueOrDefault(s.Key) ?? "no such label"})");
                yield return Found.Make(Name, FindingKind.ServiceSelectorMismatch, service.Ref,
                    $"{service.Ref} selects no pod; pods like {nearMiss.Pod.Name} differ in {string.Join(", ", differing)}", [service.EvidenceId, nearMiss.Pod.EvidenceId],
                    ("pod", nearMiss.Pod.Name), ("owner", nearMiss.Pod.TopOwner.ToString()));
            }
        }
    }

    internal static bool Matches(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    private static string Format(IReadOnlyDictionary<string, string> selector) => string.Join(",", selector.Select(s => s.Key + "=" + s.Value));
}
