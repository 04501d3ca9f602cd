using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Server-side printing (<c>meta.k8s.io/v1 Table</c>), the columns <c>kubectl get</c> shows: the real printers for
/// pods, deployments, replica sets, stateful sets, daemon sets, nodes, services, events, horizontal pod autoscalers,
/// pod disruption budgets, namespaces, config maps and secrets; <c>Name</c> and <c>Age</c> for everything else. Ages are relative to the cluster's clock.
/// </summary>
internal static class TableConverter
{
    private const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.";
    private const string AgeDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.";

    private static readonly TableColumn Name = new("Name", "string", NameDescription, Format: "name");
    private static readonly TableColumn Age = new("Age", "string", AgeDescription);

    public static JsonObject Convert(
        ResourceType type, IReadOnlyList<JsonObject> stored, IReadOnlyList<JsonObject> served, string version, string? includeObject,
        DateTimeOffset now, JsonObject metadata)
    {
        var (columns, cells) = Printer(type);
        var definitions = new JsonArray();
        foreach (var column in columns)
        {
            definitions.Append(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }

        var rows = new JsonArray();
        for (var i = 0; i < stored.Count; i++)
        {
            var row = new JsonObject { ["cells"] = new JsonArray([.. cells(stored[i], now)]) };
            switch (includeObject)
            {
                case "None":
                    break;
                case "Object":
                    row["object"] = served[i].DeepClone();
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/" + version,
                        ["metadata"] = stored[i]["metadata"]?.DeepClone(),
                    };
                    break;
            }

            rows.Append(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/" + version,
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static (TableColumn[] Columns, Func<JsonObject, DateTimeOffset, JsonNode?[]> Cells) Printer(ResourceType type)
    {
        if (type.IsCustom)
        {
            return Generic();
        }

        return (type.Group, type.Kind) switch
        {
            ("", "Pod") => Pods(),
            ("apps", "Deployment") => Deployments(),
            ("apps", "ReplicaSet") => ReplicaSets(),
            ("apps", "StatefulSet") => StatefulSets(),
            ("apps", "DaemonSet") => DaemonSets(),
            ("", "Node") => Nodes(),
            ("", "Service") => Services(),
            ("", "Event") or ("events.k8s.io", "Event") => Events(),
            ("autoscaling", "HorizontalPodAutoscaler") => HorizontalPodAutoscalers(),
            ("policy", "PodDisruptionBudget") => (
                [
                    Name,
                    new("Min Available", "string", "The minimum number of pods that must be available simultaneously."),
                    new("Max Unavailable", "string", "The maximum number of pods that may be unavailable simultaneously."),
                    new("Allowed Disruptions", "integer", "Number of pod disruptions that are currently allowed."),
                    Age,
                ],
                (o, now) =>
                [
                    o.Str("metadata", "name"),
                    o.At("spec", "minAvailable").ScalarText() ?? "N/A",
                    o.At("spec", "maxUnavailable").ScalarText() ?? "N/A",
                    o.Int("status", "disruptionsAllowed") ?? 0,
                    AgeOf(o, now),
                ]),
            ("", "Namespace") => ([Name, new("Status", "string", "The status of the namespace"), Age],
                (o, now) => [o.Str("metadata", "name"), o.Str("status", "phase") ?? "", AgeOf(o, now)]),
            ("", "ConfigMap") => ([Name, new("Data", "string", "Number of data entries"), Age],
                (o, now) => [o.Str("metadata", "name"), Count(o.Obj("data")) + Count(o.Obj("binaryData")), AgeOf(o, now)]),
            ("", "Secret") => ([Name, new("Type", "string", "The type of the secret"), new("Data", "string", "Number of data entries"), Age],
                (o, now) => [o.Str("metadata", "name"), o.Str("type") ?? "", Count(o.Obj("data")), AgeOf(o, now)]),
            _ => Generic(),
        };
    }

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) Generic() =>
        ([Name, Age], (o, now) => [o.Str("metadata", "name"), AgeOf(o, now)]);

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) Pods() =>
    (
        [
            Name,
            new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
            new("Status", "string", "The aggregate status of the containers in this pod."),
            new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
            Age,
            new("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
            new("Node", "string", "NodeName indicates in which node this pod is scheduled.", 1),
            new("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node.", 1),
            new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
        ],
        PodCells
    );

    /// <summary>The pod row exactly as the API server's pod printer computes it.</summary>
    private static JsonNode?[] PodCells(JsonObject pod, DateTimeOffset now)
    {
        var restarts = 0L;
        var restartableInitRestarts = 0L;
        var totalContainers = pod.Arr("spec", "containers")?.Count ?? 0;
        var readyContainers = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastRestartableInitRestart = null;
        var phase = pod.Str("status", "phase") ?? "";
        var reason = pod.Str("status", "reason") is { Length: > 0 } statusReason ? statusReason : phase;
        var conditions = pod.Arr("status", "conditions")?.OfType<JsonObject>().ToList() ?? [];
        if (conditions.Any(c => c.Str("type") == "PodScheduled" && c.Str("reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initSpecs = pod.Arr("spec", "initContainers")?.OfType<JsonObject>().ToList() ?? [];
        bool Restartable(string? name) => initSpecs.Any(c => c.Str("name") == name && c.Str("restartPolicy") == "Always");
        totalContainers += initSpecs.Count(c => c.Str("restartPolicy") == "Always");

        var initializing = false;
        var initStatuses = pod.Arr("status", "initContainerStatuses")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            restarts += container.Int("restartCount") ?? 0;
            if (container.Timestamp("lastState", "terminated", "finishedAt") is { } finished && (lastRestart is null || lastRestart < finished))
            {
                lastRestart = finished;
            }

            var restartable = Restartable(container.Str("name"));
            if (restartable)
            {
                restartableInitRestarts += container.Int("restartCount") ?? 0;
                if (container.Timestamp("lastState", "terminated", "finishedAt") is { } f && (lastRestartableInitRestart is null || lastRestartableInitRestart < f))
                {
                    lastRestartableInitRestart = f;
                }
            }

            var terminated = container.Obj("state", "terminated");
            var waiting = container.Obj("state", "waiting");
            if (terminated is not null && (terminated.Int("exitCode") ?? 0) == 0)
            {
                continue;
            }

            if (restartable && container.Bool("started") == true)
            {
                if (container.Bool("ready") == true)
                {
                    readyContainers++;
                }

                continue;
            }

            if (terminated is not null)
            {
                reason = terminated.Str("reason") is { Length: > 0 } r
                    ? "Init:" + r
                    : (terminated.Int("signal") ?? 0) != 0 ? $"Init:Signal:{terminated.Int("signal")}" : $"Init:ExitCode:{terminated.Int("exitCode")}";
            }
            else if (waiting.Str("reason") is { Length: > 0 } w && w != "PodInitializing")
            {
                reason = "Init:" + w;
            }
            else
            {
                reason = $"Init:{i}/{initSpecs.Count}";
            }

            initializing = true;
            break;
        }

        var initialized = conditions.Any(c => c.Str("type") == "Initialized" && c.Str("status") == "True");
        if (!initializing || initialized)
        {
            restarts = restartableInitRestarts;
            lastRestart = lastRestartableInitRestart;
            var hasRunning = false;
            var statuses = pod.Arr("status", "containerStatuses")?.OfType<JsonObject>().ToList() ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.Int("restartCount") ?? 0;
                if (container.Timestamp("lastState", "terminated", "finishedAt") is { } finished && (lastRestart is null || lastRestart < finished))
                {
                    lastRestart = finished;
                }

                var waiting = container.Obj("state", "waiting");
                var terminated = container.Obj("state", "terminated");
                if (waiting.Str("reason") is { Length: > 0 } w)
                {
                    reason = w;
                }
                else if (terminated.Str("reason") is { Length: > 0 } t)
                {
                    reason = t;
                }
                else if (terminated is not null)
                {
                    reason = (terminated.Int("signal") ?? 0) != 0 ? $"Signal:{terminated.Int("signal")}" : $"ExitCode:{terminated.Int("exitCode")}";
                }
                else if (container.Bool("ready") == true && container.Obj("state", "running") is not null)
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = conditions.Any(c => c.Str("type") == "Ready" && c.Str("status") == "True") ? "Running" : "NotReady";
            }
        }

        if (pod.Str("metadata", "deletionTimestamp") is not null)
        {
            if (pod.Str("status", "reason") == "NodeLost")
            {
                reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
        }

        var restartText = restarts.ToString(CultureInfo.InvariantCulture);
        if (restarts != 0 && lastRestart is { } last)
        {
            restartText = $"{restarts} ({HumanDuration.Since(last, now)} ago)";
        }

        var ip = pod.Arr("status", "podIPs")?.OfType<JsonObject>().FirstOrDefault()?.Str("ip") ?? pod.Str("status", "podIP");
        var gates = pod.Arr("spec", "readinessGates")?.OfType<JsonObject>().ToList() ?? [];
        var gateText = "<none>";
        if (gates.Count > 0)
        {
            var trueGates = gates.Count(g => conditions.Any(c => c.Str("type") == g.Str("conditionType") && c.Str("status") == "True"));
            gateText = $"{trueGates}/{gates.Count}";
        }

        return
        [
            pod.Str("metadata", "name"),
            $"{readyContainers}/{totalContainers}",
            reason,
            restartText,
            AgeOf(pod, now),
            NoneIfEmpty(ip),
            NoneIfEmpty(pod.Str("spec", "nodeName")),
            NoneIfEmpty(pod.Str("status", "nominatedNodeName")),
            gateText,
        ];
    }

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) Deployments() =>
    (
        [
            Name,
            new("Ready", "string", "Number of the pod with ready state"),
            new("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            new("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            Age,
            Containers, Images,
            Selector,
        ],
        (o, now) =>
        [
            o.Str("metadata", "name"),
            $"{o.Int("status", "readyReplicas") ?? 0}/{o.Int("spec", "replicas") ?? 1}",
            o.Int("status", "updatedReplicas") ?? 0,
            o.Int("status", "availableReplicas") ?? 0,
            AgeOf(o, now),
            .. TemplateCells(o),
            SelectorText(o),
        ]
    );

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) ReplicaSets() =>
    (
        [
            Name,
            new("Desired", "integer", "Number of desired pods."),
            new("Current", "integer", "Number of actual pods."),
            new("Ready", "integer", "Number of ready pods."),
            Age,
            Containers, Images,
            Selector,
        ],
        (o, now) =>
        [
            o.Str("metadata", "name"),
            o.Int("spec", "replicas") ?? 1,
            o.Int("status", "replicas") ?? 0,
            o.Int("status", "readyReplicas") ?? 0,
            AgeOf(o, now),
            .. TemplateCells(o),
            SelectorText(o),
        ]
    );

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) StatefulSets() =>
    (
        [Name, new("Ready", "string", "Number of the pod with ready state"), Age, Containers, Images],
        (o, now) =>
        [
            o.Str("metadata", "name"),
            $"{o.Int("status", "readyReplicas") ?? 0}/{o.Int("spec", "replicas") ?? 1}",
            AgeOf(o, now),
            .. TemplateCells(o),
        ]
    );

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) DaemonSets() =>
    (
        [
            Name,
            new("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
            new("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
            new("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
            new("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
            new("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
            new("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
            Age,
            Containers, Images,
            Selector,
        ],
        (o, now) =>
        [
            o.Str("metadata", "name"),
            o.Int("status", "desiredNumberScheduled") ?? 0,
            o.Int("status", "currentNumberScheduled") ?? 0,
            o.Int("status", "numberReady") ?? 0,
            o.Int("status", "updatedNumberScheduled") ?? 0,
            o.Int("status", "numberAvailable") ?? 0,
            FormatLabels(o.Obj("spec", "template", "spec", "nodeSelector")),
            AgeOf(o, now),
            .. TemplateCells(o),
            SelectorText(o),
        ]
    );

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) Nodes() =>
    (
        [
            Name,
            new("Status", "string", "The status of the node"),
            new("Roles", "string", "The roles of the node"),
            Age,
            new("Version", "string", "Kubelet Version reported by the node."),
            new("Internal-IP", "string", "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
            new("External-IP", "string", "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
            new("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
            new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
            new("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
        ],
        (o, now) =>
        {
            var status = new List<string>();
            var ready = o.Arr("status", "conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "Ready");
            if (ready is not null)
            {
                status.Add(ready.Str("status") == "True" ? "Ready" : "NotReady");
            }

            if (status.Count == 0)
            {
                status.Add("Unknown");
            }

            if (o.Bool("spec", "unschedulable") == true)
            {
                status.Add("SchedulingDisabled");
            }

            var roles = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in LabelSelector.LabelsOf(o, "metadata", "labels"))
            {
                if (key.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal) && key.Length > "node-role.kubernetes.io/".Length)
                {
                    roles.Add(key["node-role.kubernetes.io/".Length..]);
                }
                else if (key == "kubernetes.io/role" && value.Length > 0)
                {
                    roles.Add(value);
                }
            }

            string Address(string kind) =>
                o.Arr("status", "addresses")?.OfType<JsonObject>().FirstOrDefault(a => a.Str("type") == kind)?.Str("address") ?? "<none>";
            string Info(string field) => o.Str("status", "nodeInfo", field) is { Length: > 0 } v ? v : "<unknown>";
            return
            [
                o.Str("metadata", "name"),
                string.Join(",", status),
                roles.Count == 0 ? "<none>" : string.Join(",", roles),
                AgeOf(o, now),
                o.Str("status", "nodeInfo", "kubeletVersion") ?? "",
                Address("InternalIP"),
                Address("ExternalIP"),
                Info("osImage"),
                Info("kernelVersion"),
                Info("containerRuntimeVersion"),
            ];
        }
    );

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) Services() =>
    (
        [
            Name,
            new("Type", "string", "type determines how the Service is exposed."),
            new("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
            new("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
            new("Port(s)", "string", "The list of ports that are exposed by this service."),
            Age,
            new("Selector", "string", "Route service traffic to pods with label keys and values matching this selector.", 1),
        ],
        (o, now) =>
        {
            var type = o.Str("spec", "type") ?? "ClusterIP";
            var externalIps = o.At("spec", "externalIPs").Strings();
            string external;
            switch (type)
            {
                case "ClusterIP" or "NodePort":
                    external = externalIps.Count > 0 ? string.Join(",", externalIps) : "<none>";
                    break;
                case "LoadBalancer":
                    var ingress = (o.Arr("status", "loadBalancer", "ingress")?.OfType<JsonObject>() ?? [])
                        .Select(i => i.Str("ip") is { Length: > 0 } ip ? ip : i.Str("hostname") ?? "")
                        .Where(s => s.Length > 0)
                        .Concat(externalIps)
                        .ToList();
                    external = ingress.Count > 0 ? string.Join(",", ingress) : "<pending>";
                    break;
                case "ExternalName":
                    external = o.Str("spec", "externalName") ?? "";
                    break;
                default:
                    external = "<unknown>";
                    break;
            }

            var ports = (o.Arr("spec", "ports")?.OfType<JsonObject>() ?? [])
                .Select(p =>
                {
                    var protocol = p.Str("protocol") ?? "TCP";
                    return (p.Int("nodePort") ?? 0) != 0 ? $"{p.Int("port")}:{p.Int("nodePort")}/{protocol}" : $"{p.Int("port")}/{protocol}";
                })
                .ToList();
            return
            [
                o.Str("metadata", "name"),
                type,
                NoneIfEmpty(o.Str("spec", "clusterIP")),
                external,
                ports.Count > 0 ? string.Join(",", ports) : "<none>",
                AgeOf(o, now),
                FormatLabels(o.Obj("spec", "selector")),
            ];
        }
    );

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) Events() =>
    (
        [
            new("Last Seen", "string", "The last time this event was observed."),
            new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future."),
            new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
            new("Object", "string", "The object that this event is about."),
            new("Subobject", "string", "The field of the object that this event is about.", 1),
            new("Source", "string", "The component reporting this event. Should be a short machine understandable string.", 1),
            new("Message", "string", "A human-readable description of the status of this operation."),
            new("First Seen", "string", "The first time this event was observed.", 1),
            new("Count", "string", "The number of times this event has occurred.", 1),
            new("Name", "string", NameDescription, 1, "name"),
        ],
        (o, now) =>
        {
            var first = o.Timestamp("firstTimestamp") is { } f ? HumanDuration.Since(f, now) : HumanDuration.Since(o.Timestamp("eventTime"), now);
            var last = o.Timestamp("lastTimestamp") is { } l ? HumanDuration.Since(l, now) : first;
            var count = o.Int("count") ?? 0;
            if (o.Obj("series") is { } series)
            {
                last = HumanDuration.Since(series.Timestamp("lastObservedTime"), now);
                count = series.Int("count") ?? 0;
            }
            else if (count == 0)
            {
                count = 1;
            }

            var kind = (o.Str("involvedObject", "kind") ?? "").ToLowerInvariant();
            var target = o.Str("involvedObject", "name") is { Length: > 0 } name ? $"{kind}/{name}" : kind;
            var component = o.Str("source", "component") is { Length: > 0 } c ? c : o.Str("reportingComponent") ?? "";
            var instance = o.Str("source", "host") is { Length: > 0 } h ? h : o.Str("reportingInstance") ?? "";
            return
            [
                last,
                o.Str("type") ?? "",
                o.Str("reason") ?? "",
                target,
                o.Str("involvedObject", "fieldPath") ?? "",
                instance.Length == 0 ? component : component + ", " + instance,
                (o.Str("message") ?? "").Trim(),
                first,
                count,
                o.Str("metadata", "name"),
            ];
        }
    );

    private static (TableColumn[], Func<JsonObject, DateTimeOffset, JsonNode?[]>) HorizontalPodAutoscalers() =>
    (
        [
            Name,
            new("Reference", "string", "reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource."),
            new("Targets", "string", "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used)."),
            new("MinPods", "string", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
            new("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
            new("Replicas", "string", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
            Age,
        ],
        (o, now) =>
        [
            o.Str("metadata", "name"),
            $"{o.Str("spec", "scaleTargetRef", "kind")}/{o.Str("spec", "scaleTargetRef", "name")}",
            HpaTargets(o),
            o.Int("spec", "minReplicas") is { } min ? min.ToString(CultureInfo.InvariantCulture) : "<unset>",
            o.Int("spec", "maxReplicas") ?? 0,
            o.Int("status", "currentReplicas") ?? 0,
            AgeOf(o, now),
        ]
    );

    /// <summary>The Targets cell: each metric as <c>current/target</c>, at most two, as the autoscaling/v2 printer writes them.</summary>
    private static string HpaTargets(JsonObject hpa)
    {
        var specs = hpa.Arr("spec", "metrics")?.OfType<JsonObject>().ToList() ?? [];
        if (specs.Count == 0)
        {
            return "<none>";
        }

        var statuses = hpa.Arr("status", "currentMetrics")?.OfType<JsonObject>().ToList() ?? [];
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var current = i < statuses.Count ? statuses[i] : null;
            string Value(JsonNode? node) => node.ScalarText() ?? "<unknown>";
            switch (spec.Str("type"))
            {
                case "Resource" or "ContainerResource":
                    var field = spec.Str("type") == "Resource" ? "resource" : "containerResource";
                    var source = spec.Obj(field);
                    var name = source.Str("name");
                    if (source.At("target", "averageValue") is { } averageValue)
                    {
                        list.Add($"{name}: {Value(current.At(field, "current", "averageValue"))}/{averageValue.ScalarText()}");
                    }
                    else
                    {
                        var utilization = current.Int(field, "current", "averageUtilization") is { } u ? $"{u}%" : "<unknown>";
                        var target = source.Int("target", "averageUtilization") is { } t ? $"{t}%" : "<auto>";
                        list.Add($"{name}: {utilization}/{target}");
                    }

                    break;
                case "Pods":
                    list.Add($"{Value(current.At("pods", "current", "averageValue"))}/{spec.At("pods", "target", "averageValue").ScalarText()}");
                    break;
                case "Object" or "External":
                    var kind = spec.Str("type") == "Object" ? "object" : "external";
                    if (spec.At(kind, "target", "averageValue") is { } average)
                    {
                        list.Add($"{Value(current.At(kind, "current", "averageValue"))}/{average.ScalarText()} (avg)");
                    }
                    else
                    {
                        list.Add($"{Value(current.At(kind, "current", "value"))}/{spec.At(kind, "target", "value").ScalarText()}");
                    }

                    break;
                default:
                    list.Add("<unknown type>");
                    break;
            }
        }

        return list.Count > 2 ? $"{string.Join(", ", list.Take(2))} + {list.Count - 2} more..." : string.Join(", ", list);
    }

    private static readonly TableColumn Containers = new("Containers", "string", "Names of each container in the template.", 1);
    private static readonly TableColumn Images = new("Images", "string", "Images referenced by each container in the template.", 1);
    private static readonly TableColumn Selector = new("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1);

    private static JsonNode?[] TemplateCells(JsonObject o)
    {
        var containers = o.Arr("spec", "template", "spec", "containers")?.OfType<JsonObject>().ToList() ?? [];
        return
        [
            string.Join(",", containers.Select(c => c.Str("name") ?? "")),
            string.Join(",", containers.Select(c => c.Str("image") ?? "")),
        ];
    }

    private static string SelectorText(JsonObject o) => o.Obj("spec", "selector") is { } selector ? LabelSelector.FromObject(selector).ToString() : "<none>";

    private static string FormatLabels(JsonObject? labels)
    {
        var pairs = LabelSelector.LabelsOf(labels).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}").ToList();
        return pairs.Count == 0 ? "<none>" : string.Join(",", pairs);
    }

    private static long Count(JsonObject? map) => map?.Count ?? 0;

    private static string AgeOf(JsonObject o, DateTimeOffset now) => HumanDuration.Since(o.Timestamp("metadata", "creationTimestamp"), now);

    private static string NoneIfEmpty(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;
}
