using EksOps.Alarms;
using EksOps.Diagnosis.Internal;
using EksOps.Diagnosis.Resolution;

namespace EksOps.Diagnosis.Evidence;

/// <summary>
/// Resolves the alarm to Kubernetes objects and reads the evidence about them, in order of value, through
/// <see cref="ClusterReader"/> (so every read counts against the budget).
/// </summary>
internal sealed class Investigation(ClusterReader reader)
{
    private const int MaxPodsRead = 6;
    private const int MaxLogs = 5;
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job"];
    private static readonly string[] SystemNamespaces = ["kube-system", "amazon-cloudwatch", "kube-public", "kube-node-lease"];

    private ClusterSnapshot Snapshot => reader.Snapshot;

    public async Task<InvestigationScope> RunAsync(AlarmStateChange alarm)
    {
        var scope = new InvestigationScope(ObjectRef.Cluster(reader.ClusterName));
        var signals = new List<MetricSignal>(AlarmSignals.FromAlarm(alarm));
        var childHints = new List<string>();
        if (alarm.Kind == AlarmKind.Composite)
        {
            // Each child is resolved on its own; one that cannot be described still names what it watches.
            foreach (var child in AlarmSignals.CompositeChildren(alarm).Take(3))
            {
                var described = await reader.AlarmAsync(child).ConfigureAwait(false);
                var childSignals = described is null ? [] : AlarmSignals.FromDescribedAlarm(described, child);
                signals.AddRange(childSignals);
                if (childSignals.Count == 0)
                {
                    childHints.Add(child);
                    scope.Symptoms |= AlarmSignals.SymptomOfName(child);
                    scope.Notes.Add($"composite child {child} could not be described; resolved by name");
                }
            }
        }
        else
        {
            await reader.AlarmAsync(alarm.AlarmName).ConfigureAwait(false);
        }

        foreach (var signal in signals)
        {
            scope.Symptoms |= signal.Symptom;
        }

        ObjectRef? target = null;
        foreach (var signal in signals)
        {
            target = await ResolveSignalAsync(signal, scope).ConfigureAwait(false);
            if (target is not null)
            {
                break;
            }
        }

        if (target is null && alarm.Kind == AlarmKind.Composite)
        {
            // The children that triggered come first; the composite's own name and description are the last resort.
            target = await ResolveByNameAsync([.. childHints, alarm.AlarmName, alarm.Configuration.Description ?? string.Empty], scope).ConfigureAwait(false);
        }

        if (target is null && (scope.Symptoms.HasFlag(Symptom.Node) || signals.Any(s => s.Dimension("NodeName") is not null)))
        {
            target = await FindTroubledNodeAsync(scope).ConfigureAwait(false);
        }

        if (target is null)
        {
            scope.ClusterWide = true;
            scope.Notes.Add("the alarm names no workload, service or node; searched the whole cluster");
            target = await InvestigateClusterAsync(scope).ConfigureAwait(false);
            if (target is null)
            {
                return scope;
            }
        }

        scope.AlarmSubject = scope.AlarmSubject.IsCluster ? target : scope.AlarmSubject;
        await InvestigateAsync(target, scope).ConfigureAwait(false);
        await FollowDependenciesAsync(scope).ConfigureAwait(false);
        return scope;
    }

    private async Task InvestigateAsync(ObjectRef target, InvestigationScope scope)
    {
        switch (target.Kind)
        {
            case "Node":
                await InvestigateNodeAsync(target.Name, scope).ConfigureAwait(false);
                break;
            case "Service":
                await InvestigateServiceAsync(target, scope).ConfigureAwait(false);
                break;
            default:
                await InvestigateWorkloadAsync(target, scope).ConfigureAwait(false);
                break;
        }
    }

    // ---- resolution -------------------------------------------------------------------------------------------

    private async Task<ObjectRef?> ResolveSignalAsync(MetricSignal signal, InvestigationScope scope)
    {
        var ns = signal.Dimension("Namespace");
        if (signal.Dimension("NodeName") is { } node)
        {
            var observed = await reader.GetAsync("Node", null, node).ConfigureAwait(false);
            return Resolved(scope, observed?.Ref, $"NodeName dimension {node}");
        }

        if (ns is not null && signal.Dimension("FullPodName") is { } fullPod)
        {
            var pod = await reader.GetAsync("Pod", ns, fullPod).ConfigureAwait(false);
            if (pod is not null)
            {
                scope.Relate(pod);
                return Resolved(scope, pod.TopOwner, $"FullPodName dimension {ns}/{fullPod}");
            }
        }

        if (ns is not null && signal.Dimension("PodName") is { } podName)
        {
            var workload = await WorkloadByNameAsync(ns, podName, signal.Symptom).ConfigureAwait(false);
            return Resolved(scope, workload, $"PodName dimension {ns}/{podName}");
        }

        if (ns is not null && signal.Dimension("Service") is { } service)
        {
            var observed = await reader.GetAsync("Service", ns, service).ConfigureAwait(false);
            if (observed is not null)
            {
                scope.Service = observed.Ref;
            }

            return Resolved(scope, observed?.Ref, $"Service dimension {ns}/{service}");
        }

        if (signal.Dimension("TargetGroup") is { } targetGroup)
        {
            var resolved = await ServiceOfTargetGroupAsync(targetGroup, signal.Dimension("LoadBalancer")).ConfigureAwait(false);
            if (resolved is not null)
            {
                scope.Service = resolved;
            }

            return Resolved(scope, resolved, $"target group {targetGroup}");
        }

        if (signal.Dimension("LoadBalancer") is { } loadBalancer && signal.MetricNamespace.Contains("ELB", StringComparison.OrdinalIgnoreCase))
        {
            var resolved = await ServiceOfLoadBalancerAsync(loadBalancer).ConfigureAwait(false);
            if (resolved is not null)
            {
                scope.Service = resolved;
            }

            return Resolved(scope, resolved, $"load balancer {loadBalancer}");
        }

        return null;
    }

    private static ObjectRef? Resolved(InvestigationScope scope, ObjectRef? target, string how)
    {
        if (target is not null)
        {
            scope.AlarmSubject = target;
            scope.Notes.Add($"{how} resolved to {target}");
        }

        return target;
    }

    /// <summary>Container Insights names a pod's workload in <c>PodName</c>: a Deployment, StatefulSet, DaemonSet, CronJob or Job.</summary>
    private async Task<ObjectRef?> WorkloadByNameAsync(string ns, string name, Symptom symptom)
    {
        // Failed pods are usually a Job's; try those kinds first so the common case costs one read.
        var kinds = symptom.HasFlag(Symptom.FailedPods) ? ["CronJob", "Job", "Deployment", "StatefulSet", "DaemonSet"] : WorkloadKinds;
        foreach (var kind in kinds)
        {
            if (await reader.GetAsync(kind, ns, name).ConfigureAwait(false) is { } found)
            {
                // A CronJob's Job is investigated as the CronJob: that is what keeps failing and what a human fixes.
                return kind == "Job" ? found.TopOwner : found.Ref;
            }

            if (reader.Calls.Exhausted)
            {
                break;
            }
        }

        var pod = await reader.GetAsync("Pod", ns, name).ConfigureAwait(false);
        return pod?.TopOwner;
    }

    /// <summary>A target group → the TargetGroupBinding that registers it → its Service (AWS Load Balancer Controller).</summary>
    private async Task<ObjectRef?> ServiceOfTargetGroupAsync(string targetGroup, string? loadBalancer)
    {
        var groupName = Segment(targetGroup, 1);
        var bindings = await reader.ListAsync("TargetGroupBinding", apiVersion: "elbv2.k8s.aws/v1beta1").ConfigureAwait(false);
        // The controller names a binding after its target group; read that one first, then the others.
        foreach (var binding in bindings.OrderByDescending(b => b.Name == groupName).Take(8))
        {
            var observed = await reader.GetAsync("TargetGroupBinding", binding.Namespace, binding.Name, "elbv2.k8s.aws/v1beta1").ConfigureAwait(false);
            var arn = JsonFields.Str(observed?.Object, "spec", "targetGroupARN");
            if (arn is not null && arn.EndsWith(targetGroup, StringComparison.Ordinal) && JsonFields.Str(observed!.Object, "spec", "serviceRef", "name") is { } service)
            {
                return new ObjectRef("Service", binding.Namespace, service);
            }
        }

        return loadBalancer is null ? null : await ServiceOfLoadBalancerAsync(loadBalancer, groupName).ConfigureAwait(false);
    }

    /// <summary>A load balancer → the Ingress whose status names it → its backend Service (one backend, or the one the target group's name abbreviates).</summary>
    private async Task<ObjectRef?> ServiceOfLoadBalancerAsync(string loadBalancer, string? groupName = null)
    {
        var balancerName = Segment(loadBalancer, 1);
        if (balancerName.Length == 0)
        {
            return null;
        }

        var candidates = new List<ObjectRef>();
        foreach (var ingress in (await reader.ListAsync("Ingress").ConfigureAwait(false)).Take(10))
        {
            var observed = await reader.GetAsync("Ingress", ingress.Namespace, ingress.Name).ConfigureAwait(false);
            var hosts = JsonFields.Objects(observed?.Object, "status", "loadBalancer", "ingress").Select(i => JsonFields.Str(i, "hostname") ?? string.Empty);
            if (!hosts.Any(h => h.Contains(balancerName, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            foreach (var rule in JsonFields.Objects(observed!.Object, "spec", "rules"))
            {
                foreach (var path in JsonFields.Objects(rule, "http", "paths"))
                {
                    if (JsonFields.Str(path, "backend", "service", "name") is { } service)
                    {
                        candidates.Add(new ObjectRef("Service", ingress.Namespace, service));
                    }
                }
            }

            if (JsonFields.Str(observed.Object, "spec", "defaultBackend", "service", "name") is { } fallback)
            {
                candidates.Add(new ObjectRef("Service", ingress.Namespace, fallback));
            }
        }

        candidates = [.. candidates.Distinct()];
        if (candidates.Count > 1 && groupName is not null)
        {
            // Controller-made target group names are k8s-<namespace>-<service>-<hash>, each part cut to 8 characters.
            var parts = groupName.Split('-');
            if (parts.Length >= 4)
            {
                candidates = [.. candidates.Where(c => (c.Namespace ?? string.Empty).StartsWith(parts[1], StringComparison.Ordinal) && c.Name.StartsWith(parts[2], StringComparison.Ordinal))];
            }
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>A composite child that cannot be described: the workload whose name its name (or the composite's) contains.</summary>
    private async Task<ObjectRef?> ResolveByNameAsync(IReadOnlyList<string> hints, InvestigationScope scope)
    {
        var workloads = new List<ListedItem>();
        foreach (var kind in WorkloadKinds.Take(4))
        {
            workloads.AddRange(await reader.ListAsync(kind).ConfigureAwait(false));
        }

        foreach (var hint in hints.Where(h => h.Length > 0))
        {
            var text = hint.ToLowerInvariant();
            var best = workloads
                .Where(w => ContainsToken(text, w.Name))
                .Select(w => (Workload: w, Score: w.Name.Length + (w.Namespace is { } n && ContainsToken(text, n) ? 5 : 0) - (SystemNamespaces.Contains(w.Namespace) ? 3 : 0)))
                .OrderByDescending(c => c.Score)
                .ThenBy(c => c.Workload.Kind == "CronJob" ? 0 : 1)
                .FirstOrDefault();
            if (best.Workload is not null)
            {
                return Resolved(scope, best.Workload.Ref, $"the alarm name \"{hint}\"");
            }

            if (AlarmSignals.SymptomOfName(hint).HasFlag(Symptom.Node) && await FindTroubledNodeAsync(scope).ConfigureAwait(false) is { } node)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>A cluster-level node alarm: the node that is not Ready or reports pressure.</summary>
    private async Task<ObjectRef?> FindTroubledNodeAsync(InvestigationScope scope)
    {
        var nodes = await reader.ListAsync("Node").ConfigureAwait(false);
        foreach (var node in nodes.OrderByDescending(n => n.Status.Contains("NotReady", StringComparison.Ordinal)).Take(12))
        {
            var observed = await reader.GetAsync("Node", null, node.Name).ConfigureAwait(false);
            if (observed is not null && NodeIsTroubled(observed))
            {
                return Resolved(scope, observed.Ref, "the node condition of a cluster-level alarm");
            }
        }

        return null;
    }

    internal static bool NodeIsTroubled(ObservedObject node) =>
        JsonFields.Objects(node.Object, "status", "conditions").Any(c =>
            (JsonFields.Str(c, "type") == "Ready" && JsonFields.Str(c, "status") != "True")
            || (JsonFields.Str(c, "type") is "MemoryPressure" or "DiskPressure" or "PIDPressure" && JsonFields.Str(c, "status") == "True"));

    /// <summary>Nothing to go on: warnings across the cluster point at the troubled object, if any.</summary>
    private async Task<ObjectRef?> InvestigateClusterAsync(InvestigationScope scope)
    {
        if (await FindTroubledNodeAsync(scope).ConfigureAwait(false) is { } node)
        {
            return node;
        }

        await reader.EventsAsync(null).ConfigureAwait(false);
        var worst = Snapshot.Events
            .Where(e => e.IsWarning && Snapshot.InWindow(e.LastSeen) && e.Involved.Kind == "Pod" && !SystemNamespaces.Contains(e.Involved.Namespace))
            .GroupBy(e => e.Involved)
            .OrderByDescending(g => g.Sum(e => e.Count))
            .FirstOrDefault();
        if (worst is null)
        {
            return null;
        }

        var pod = await reader.GetAsync("Pod", worst.Key.Namespace, worst.Key.Name).ConfigureAwait(false);
        return pod is null ? null : Resolved(scope, pod.TopOwner, $"the most frequent warnings (pod {worst.Key.Namespace}/{worst.Key.Name})");
    }

    // ---- collection -------------------------------------------------------------------------------------------

    private async Task InvestigateWorkloadAsync(ObjectRef target, InvestigationScope scope)
    {
        scope.Primary = target;
        var workload = await reader.GetAsync(target.Kind, target.Namespace, target.Name).ConfigureAwait(false);
        if (workload is null || target.Namespace is not { } ns)
        {
            return;
        }

        await reader.EventsAsync(ns).ConfigureAwait(false);
        var pods = new List<ListedItem>();
        switch (target.Kind)
        {
            case "Deployment":
                await ReplicaSetsAsync(target, scope).ConfigureAwait(false);
                pods.AddRange(await PodsBySelectorAsync(workload).ConfigureAwait(false));
                break;
            case "CronJob":
            case "Job":
                pods.AddRange(await JobPodsAsync(target, scope).ConfigureAwait(false));
                break;
            default:
                pods.AddRange(await PodsBySelectorAsync(workload).ConfigureAwait(false));
                break;
        }

        await ReadPodsAsync(pods, scope).ConfigureAwait(false);
        await AutoscalersAsync(target, scope).ConfigureAwait(false);
        await QuotasAsync(ns, scope).ConfigureAwait(false);
        await ClaimsAsync(ns, scope).ConfigureAwait(false);
        await NodesOfPodsAsync(scope).ConfigureAwait(false);
        await WorkloadMetricsAsync(target, scope).ConfigureAwait(false);
    }

    private async Task ReplicaSetsAsync(ObjectRef deployment, InvestigationScope scope)
    {
        var sets = (await reader.ListAsync("ReplicaSet", deployment.Namespace).ConfigureAwait(false))
            .Where(r => r.Owner == "Deployment/" + deployment.Name)
            .OrderByDescending(r => r.CreatedAt ?? DateTimeOffset.MinValue)
            .Take(3);
        foreach (var set in sets)
        {
            if (await reader.GetAsync("ReplicaSet", set.Namespace, set.Name).ConfigureAwait(false) is { } observed)
            {
                scope.Relate(observed);
            }
        }
    }

    private async Task<IReadOnlyList<ListedItem>> PodsBySelectorAsync(ObservedObject workload)
    {
        var labels = JsonFields.Map(workload.Object, "spec", "selector", "matchLabels");
        if (labels.Count == 0)
        {
            labels = JsonFields.Map(workload.Object, "spec", "template", "metadata", "labels");
        }

        return labels.Count == 0 ? [] : await reader.ListAsync("Pod", workload.Namespace, Selector(labels)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ListedItem>> JobPodsAsync(ObjectRef target, InvestigationScope scope)
    {
        var jobs = new List<ObservedObject>();
        if (target.Kind == "Job")
        {
            if (reader.Snapshot.Get(target) is { } job)
            {
                jobs.Add(job);
            }
        }
        else
        {
            var owned = (await reader.ListAsync("Job", target.Namespace).ConfigureAwait(false))
                .Where(j => j.Owner == "CronJob/" + target.Name)
                .OrderByDescending(j => j.CreatedAt ?? DateTimeOffset.MinValue)
                .Take(2);
            foreach (var item in owned)
            {
                if (await reader.GetAsync("Job", item.Namespace, item.Name).ConfigureAwait(false) is { } job)
                {
                    jobs.Add(job);
                }
            }
        }

        var pods = new List<ListedItem>();
        foreach (var job in jobs)
        {
            scope.Relate(job);
            pods.AddRange(await reader.ListAsync("Pod", job.Namespace, "job-name=" + job.Name).ConfigureAwait(false));
        }

        return pods;
    }

    /// <summary>Reads the troubled pods in full (and one healthy one for comparison), then the logs that can explain them.</summary>
    private async Task ReadPodsAsync(IReadOnlyList<ListedItem> pods, InvestigationScope scope)
    {
        var chosen = pods.Where(p => !p.LooksHealthyPod).OrderByDescending(p => p.CreatedAt ?? DateTimeOffset.MinValue).Take(MaxPodsRead).ToList();
        chosen.AddRange(pods.Where(p => p.LooksHealthyPod).OrderByDescending(p => p.CreatedAt ?? DateTimeOffset.MinValue).Take(chosen.Count == 0 ? 2 : 1));
        foreach (var pod in pods)
        {
            scope.Relate(pod.Ref);
        }

        var read = new List<ObservedObject>();
        foreach (var pod in chosen)
        {
            if (await reader.GetAsync("Pod", pod.Namespace, pod.Name).ConfigureAwait(false) is { } observed)
            {
                read.Add(observed);
            }
        }

        var logs = 0;
        // Previous instances of recently terminated containers first: that is where a crash is explained.
        foreach (var (pod, container) in read.SelectMany(p => ContainerStatuses(p).Select(c => (Pod: p, Status: c)))
                     .Where(x => Snapshot.InWindow(JsonFields.Time(x.Status, "lastState", "terminated", "finishedAt")))
                     .OrderByDescending(x => JsonFields.Time(x.Status, "lastState", "terminated", "finishedAt"))
                     .Select(x => (x.Pod, JsonFields.Str(x.Status, "name") ?? string.Empty)))
        {
            if (logs++ >= 3)
            {
                break;
            }

            await reader.LogAsync(pod.Namespace!, pod.Name, container, previous: true).ConfigureAwait(false);
        }

        // Then current logs: troubled pods first, then those already read; pods whose log is empty are passed over.
        var withLogs = 0;
        var candidates = pods.Where(p => !p.Status.StartsWith("Pending", StringComparison.Ordinal))
            .OrderBy(p => p.LooksHealthyPod ? 1 : 0)
            .ThenBy(p => Snapshot.Get(p.Ref) is null ? 1 : 0);
        foreach (var pod in candidates)
        {
            if (logs >= MaxLogs || withLogs >= 2)
            {
                break;
            }

            logs++;
            if (await reader.LogAsync(pod.Namespace!, pod.Name, container: null, previous: false).ConfigureAwait(false))
            {
                withLogs++;
            }
        }
    }

    private async Task AutoscalersAsync(ObjectRef target, InvestigationScope scope)
    {
        foreach (var hpa in (await reader.ListAsync("HorizontalPodAutoscaler", target.Namespace).ConfigureAwait(false)).OrderByDescending(h => h.Name == target.Name).Take(4))
        {
            var observed = await reader.GetAsync("HorizontalPodAutoscaler", hpa.Namespace, hpa.Name).ConfigureAwait(false);
            if (observed is not null && JsonFields.Str(observed.Object, "spec", "scaleTargetRef", "kind") == target.Kind && JsonFields.Str(observed.Object, "spec", "scaleTargetRef", "name") == target.Name)
            {
                scope.Relate(observed);
                return;
            }
        }
    }

    private async Task QuotasAsync(string ns, InvestigationScope scope)
    {
        var mentioned = Snapshot.Events.Any(e => e.Involved.Namespace == ns && e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase));
        if (!mentioned)
        {
            return;
        }

        foreach (var quota in (await reader.ListAsync("ResourceQuota", ns).ConfigureAwait(false)).Take(3))
        {
            if (await reader.GetAsync("ResourceQuota", quota.Namespace, quota.Name).ConfigureAwait(false) is { } observed)
            {
                scope.Relate(observed);
            }
        }
    }

    private async Task ClaimsAsync(string ns, InvestigationScope scope)
    {
        var claims = Snapshot.OfKind("Pod", ns)
            .Where(p => scope.Contains(p.Ref))
            .SelectMany(p => JsonFields.Objects(p.Object, "spec", "volumes"))
            .Select(v => JsonFields.Str(v, "persistentVolumeClaim", "claimName"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var pending = Snapshot.OfKind("Pod", ns).Any(p => scope.Contains(p.Ref) && JsonFields.Str(p.Object, "status", "phase") == "Pending");
        if (claims.Count == 0 && !pending)
        {
            return;
        }

        foreach (var claim in (await reader.ListAsync("PersistentVolumeClaim", ns).ConfigureAwait(false))
                     .Where(c => claims.Contains(c.Name) || !c.Status.Equals("Bound", StringComparison.Ordinal))
                     .OrderBy(c => c.Status == "Bound" ? 1 : 0)
                     .Take(4))
        {
            if (await reader.GetAsync("PersistentVolumeClaim", ns, claim.Name).ConfigureAwait(false) is { } observed)
            {
                scope.Relate(observed);
            }
        }
    }

    private async Task NodesOfPodsAsync(InvestigationScope scope)
    {
        var nodes = Snapshot.OfKind("Pod")
            .Where(p => scope.Contains(p.Ref) && !IsHealthyPod(p))
            .Select(p => JsonFields.Str(p.Object, "spec", "nodeName"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (nodes.Count == 0)
        {
            return;
        }

        var listed = await reader.ListAsync("Node").ConfigureAwait(false);
        foreach (var node in listed.Where(n => nodes.Contains(n.Name) && n.Status.Contains("NotReady", StringComparison.Ordinal)).Take(2))
        {
            if (await reader.GetAsync("Node", null, node.Name).ConfigureAwait(false) is { } observed)
            {
                scope.Relate(observed);
            }
        }
    }

    private async Task WorkloadMetricsAsync(ObjectRef target, InvestigationScope scope)
    {
        var latencyOrLoad = (scope.Symptoms & (Symptom.Latency | Symptom.Errors | Symptom.Traffic | Symptom.Cpu | Symptom.Availability)) != 0;
        if (!latencyOrLoad || target.Namespace is null)
        {
            return;
        }

        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ClusterName"] = reader.ClusterName,
            ["Namespace"] = target.Namespace,
            ["PodName"] = target.Name,
        };
        await reader.MetricAsync("ContainerInsights", "pod_cpu_utilization_over_pod_limit", dimensions).ConfigureAwait(false);
    }

    private async Task InvestigateServiceAsync(ObjectRef service, InvestigationScope scope)
    {
        scope.Service = service;
        scope.Primary = service;
        var observed = await reader.GetAsync("Service", service.Namespace, service.Name).ConfigureAwait(false);
        if (observed is null || service.Namespace is not { } ns)
        {
            return;
        }

        await reader.GetAsync("Endpoints", ns, service.Name).ConfigureAwait(false);
        var selector = JsonFields.Map(observed.Object, "spec", "selector");
        if (selector.Count == 0)
        {
            await reader.EventsAsync(ns).ConfigureAwait(false);
            return;
        }

        var pods = await reader.ListAsync("Pod", ns, Selector(selector)).ConfigureAwait(false);
        if (pods.Count > 0)
        {
            var pod = await reader.GetAsync("Pod", ns, pods.OrderBy(p => p.LooksHealthyPod).First().Name).ConfigureAwait(false);
            if (pod is not null && pod.TopOwner.Kind != "Pod" && pod.TopOwner.Kind != "ReplicaSet")
            {
                scope.Notes.Add($"Service {ns}/{service.Name} selects pods of {pod.TopOwner}");
                await InvestigateWorkloadAsync(pod.TopOwner, scope).ConfigureAwait(false);
                return;
            }

            await ReadPodsAsync(pods, scope).ConfigureAwait(false);
            await reader.EventsAsync(ns).ConfigureAwait(false);
            return;
        }

        // No pod matches the selector: read the namespace's pods and workloads to show what the selector misses.
        await reader.EventsAsync(ns).ConfigureAwait(false);
        var all = await reader.ListAsync("Pod", ns).ConfigureAwait(false);
        foreach (var pod in all.Where(p => selector.Keys.Any(p.Labels.ContainsKey)).Take(3))
        {
            await reader.GetAsync("Pod", ns, pod.Name).ConfigureAwait(false);
        }

        foreach (var deployment in (await reader.ListAsync("Deployment", ns).ConfigureAwait(false)).Take(3))
        {
            await reader.GetAsync("Deployment", ns, deployment.Name).ConfigureAwait(false);
        }
    }

    private async Task InvestigateNodeAsync(string name, InvestigationScope scope)
    {
        var node = await reader.GetAsync("Node", null, name).ConfigureAwait(false);
        scope.Primary = node?.Ref ?? new ObjectRef("Node", null, name);
        await reader.EventsAsync(null, "Node", name).ConfigureAwait(false);
        var pods = await reader.ListAsync("Pod", fieldSelector: "spec.nodeName=" + name).ConfigureAwait(false);
        foreach (var pod in pods.Where(p => !p.LooksHealthyPod).Take(MaxPodsRead))
        {
            if (await reader.GetAsync("Pod", pod.Namespace, pod.Name).ConfigureAwait(false) is { } observed)
            {
                scope.Relate(observed);
            }
        }
    }

    /// <summary>Second-order evidence the first reads point to: name resolution failing means reading the cluster DNS.</summary>
    private async Task FollowDependenciesAsync(InvestigationScope scope)
    {
        var dnsTrouble = Snapshot.Logs.Any(l => Analyzers.LogPatterns.IsDnsFailure(l.Text));
        if (!dnsTrouble)
        {
            return;
        }

        foreach (var dns in (await reader.ListAsync("Deployment", "kube-system", "k8s-app=kube-dns").ConfigureAwait(false)).Take(1))
        {
            var observed = await reader.GetAsync("Deployment", dns.Namespace, dns.Name).ConfigureAwait(false);
            if (observed is null)
            {
                continue;
            }

            // Read, not related: the DNS is a dependency of the workload, not part of it.
            var pods = await PodsBySelectorAsync(observed).ConfigureAwait(false);
            await reader.EventsAsync("kube-system").ConfigureAwait(false);
            foreach (var pod in pods.Where(p => !p.LooksHealthyPod).Take(2))
            {
                if (await reader.GetAsync("Pod", pod.Namespace, pod.Name).ConfigureAwait(false) is { } podObserved)
                {
                    var container = ContainerStatuses(podObserved).FirstOrDefault(c => JsonFields.Object(c, "lastState", "terminated") is not null);
                    if (container is not null)
                    {
                        await reader.LogAsync(pod.Namespace!, pod.Name, JsonFields.Str(container, "name") ?? string.Empty, previous: true).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    internal static IEnumerable<System.Text.Json.Nodes.JsonObject> ContainerStatuses(ObservedObject pod) =>
        JsonFields.Objects(pod.Object, "status", "initContainerStatuses").Concat(JsonFields.Objects(pod.Object, "status", "containerStatuses"));

    /// <summary>
    /// A pod that runs (or completed) with every container ready. A running pod whose Ready condition is False is not
    /// healthy even when its container statuses still say ready: the node controller marks the pods of a node that
    /// stopped reporting not Ready and leaves the kubelet's last container statuses as they were.
    /// </summary>
    internal static bool IsHealthyPod(ObservedObject pod)
    {
        var phase = JsonFields.Str(pod.Object, "status", "phase");
        return phase is "Running" or "Succeeded"
            && JsonFields.Objects(pod.Object, "status", "containerStatuses").All(c => JsonFields.Bool(c, "ready") == true || JsonFields.Object(c, "state", "terminated") is not null)
            && (phase != "Running" || !JsonFields.Objects(pod.Object, "status", "conditions").Any(c => JsonFields.Str(c, "type") == "Ready" && JsonFields.Str(c, "status") == "False"));
    }

    private static string Selector(IReadOnlyDictionary<string, string> labels) =>
        string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    private static string Segment(string value, int index)
    {
        var parts = value.Split('/');
        return parts.Length > index ? parts[index] : string.Empty;
    }

    /// <summary>Whether <paramref name="name"/> occurs in <paramref name="text"/> bounded by non-name characters (so <c>cart</c> does not match <c>carts</c>).</summary>
    private static bool ContainsToken(string text, string name)
    {
        var index = 0;
        while ((index = text.IndexOf(name, index, StringComparison.Ordinal)) >= 0)
        {
            var before = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
            var end = index + name.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return true;
            }

            index++;
        }

        return false;
    }
}
