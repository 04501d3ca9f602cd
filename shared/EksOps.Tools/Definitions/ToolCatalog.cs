using EksOps.Incidents;

namespace EksOps.Tools;

/// <summary>
/// The v1 tools, defined once: names, model-facing descriptions, parameters, output schemas, annotations, policy
/// classes and caps. Only definitions live here; implementations bind to them by name in
/// <see cref="ToolRegistryBuilder"/>, and a definition without a body cannot be served.
/// </summary>
public static class ToolCatalog
{
    private const string NamespacePattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    private const string KindPattern = "^[A-Z][A-Za-z0-9]{0,62}$";
    private const string ApiVersionPattern = "^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v[0-9]+((alpha|beta)[0-9]+)?$";
    private const string NamePattern = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "Node", "Namespace", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "PriorityClass", "IngressClass", "RuntimeClass", "CSIDriver", "CSINode", "VolumeAttachment", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ComponentStatus",
    };

    /// <summary><c>list_k8s_resources</c>: list objects of a kind, with selectors and a limit.</summary>
    public static ToolDefinition ListK8sResources { get; } = ToolDefinition.Builder("list_k8s_resources")
        .Title("List Kubernetes resources")
        .Description(
            "List Kubernetes objects of one kind in the incident's cluster, optionally in one namespace and filtered by label or field selectors. "
            + "Returns a short summary per object (name, namespace, status, age, labels, owner), not the full objects: use get_k8s_resource for one object in full. "
            + "Use it to find the pods of a workload (labelSelector app=checkout), nodes that are not Ready, pending PersistentVolumeClaims, or the ReplicaSets of a Deployment. "
            + "Omit namespace to list across all namespaces (refused where the deployment restricts namespaces). Reading Secrets is a sensitive read and their data is always redacted.")
        .PolicyClass(ToolPolicyClass.Read)
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(Kind(required: true))
        .Parameter(ApiVersion())
        .Parameter(Namespace("Namespace to list in. Omit for all namespaces, or for cluster-scoped kinds such as Node.", required: false))
        .Parameter(ToolParameter.String("labelSelector", "Label selector as kubectl takes it, e.g. app=checkout,tier!=cache or app in (a,b).") with { MaxLength = 1024 })
        .Parameter(ToolParameter.String("fieldSelector", "Field selector as kubectl takes it, e.g. status.phase!=Running or spec.nodeName=ip-10-0-1-7.ec2.internal.") with { MaxLength = 1024, Advanced = true })
        .Parameter(ToolParameter.Integer("limit", "Most objects to return.") with { Minimum = 1, Maximum = 500, Default = 50, Advanced = true })
        .KubernetesNamespace("namespace")
        .Scope(KubernetesScope)
        .OutputSchema("""
            {"type": "object", "required": ["kind", "items", "count"], "properties": {
              "kind": {"type": "string"},
              "apiVersion": {"type": "string"},
              "namespace": {"type": "string", "description": "The namespace listed; absent for all namespaces or cluster-scoped kinds"},
              "count": {"type": "integer", "description": "Objects returned"},
              "remaining": {"type": "integer", "description": "Objects the limit left out, when the API server says"},
              "items": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"},
                "namespace": {"type": "string"},
                "status": {"type": "string", "description": "One-line status, e.g. Running 2/2 ready, 5 restarts (OOMKilled)"},
                "createdAt": {"type": "string", "description": "creationTimestamp, RFC 3339"},
                "labels": {"type": "object"},
                "owner": {"type": "string", "description": "Controlling owner as Kind/name"}}}}}}
            """)
        .Build();

    /// <summary><c>get_k8s_resource</c>: one object in full, with its owner chain and (pods) a status summary.</summary>
    public static ToolDefinition GetK8sResource { get; } = ToolDefinition.Builder("get_k8s_resource")
        .Title("Get a Kubernetes resource")
        .Description(
            "Get one Kubernetes object in full (as kubectl get -o json shows it, without managedFields), plus its owner chain "
            + "(for a pod: Pod -> ReplicaSet -> Deployment) and, for pods, a short status summary per container: state, ready, restart count, "
            + "last termination reason and exit code (137 with OOMKilled means the memory limit was hit). "
            + "Use it after list_k8s_resources to inspect a pod's containers, a Deployment's resources and rollout status, a node's conditions and taints, or an HPA. "
            + "Namespace is required for namespaced kinds. Reading a Secret is a sensitive read and its data values are always redacted.")
        .PolicyClass(ToolPolicyClass.Read)
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(Kind(required: true))
        .Parameter(ApiVersion())
        .Parameter(Namespace("Namespace of the object; required unless the kind is cluster-scoped (Node, PersistentVolume, StorageClass, ...).", required: false))
        .Parameter(ToolParameter.String("name", "Name of the object, e.g. checkout-6d8f7b9c4-x2k9p.") with { Required = true, Pattern = NamePattern, MaxLength = 253 })
        .KubernetesNamespace("namespace")
        .Scope(KubernetesScope)
        .OutputSchema("""
            {"type": "object", "required": ["object"], "properties": {
              "object": {"type": "object", "description": "The object as the API server returns it (managedFields removed, Secret data redacted)"},
              "ownerChain": {"type": "array", "description": "Controlling owners from the object up, e.g. ReplicaSet then Deployment", "items": {"type": "object", "properties": {
                "kind": {"type": "string"}, "name": {"type": "string"}, "uid": {"type": "string"}}}},
              "podStatus": {"type": "object", "description": "Pods only", "properties": {
                "phase": {"type": "string"},
                "ready": {"type": "boolean"},
                "restarts": {"type": "integer"},
                "reason": {"type": "string"},
                "nodeName": {"type": "string"},
                "containers": {"type": "array", "items": {"type": "object", "properties": {
                  "name": {"type": "string"},
                  "ready": {"type": "boolean"},
                  "restartCount": {"type": "integer"},
                  "state": {"type": "string", "description": "running, waiting or terminated"},
                  "reason": {"type": "string", "description": "e.g. CrashLoopBackOff, ImagePullBackOff, CreateContainerConfigError"},
                  "lastTerminationReason": {"type": "string", "description": "e.g. OOMKilled, Error, Completed"},
                  "lastExitCode": {"type": "integer"}}}}}}}}
            """)
        .Build();

    /// <summary><c>get_pod_logs</c>: a container's log, current or previous instance.</summary>
    public static ToolDefinition GetPodLogs { get; } = ToolDefinition.Builder("get_pod_logs")
        .Title("Get pod logs")
        .Description(
            "Get the log of one container of a pod: the last tailLines lines, optionally only the last sinceSeconds, capped at limitBytes. "
            + "Set previous=true to read the previous (terminated) instance of a restarting container: that is where the crash, the stack trace or the last lines before an OOM kill are. "
            + "For a pod with several containers, name the container; without one, the first application container is read and the result lists every container so you can ask for another. "
            + "Logs are a sensitive read: secrets in them (tokens, passwords, keys) are redacted, and the newest lines are kept when the result is cut.")
        .PolicyClass(ToolPolicyClass.SensitiveRead)
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(Namespace("Namespace of the pod.", required: true))
        .Parameter(ToolParameter.String("pod", "Name of the pod, e.g. checkout-6d8f7b9c4-x2k9p.") with { Required = true, Pattern = NamePattern, MaxLength = 253 })
        .Parameter(ToolParameter.String("container", "Container name; omit for the pod's first application container.") with { Pattern = NamePattern, MaxLength = 63 })
        .Parameter(ToolParameter.Boolean("previous", "true for the previous, terminated instance of the container (after a crash or OOM kill).") with { Default = false })
        .Parameter(ToolParameter.Integer("tailLines", "Lines from the end of the log.") with { Minimum = 1, Maximum = 5000, Default = 200, Advanced = true })
        .Parameter(ToolParameter.Integer("sinceSeconds", "Only lines from the last this many seconds.") with { Minimum = 1, Maximum = 86400, Advanced = true })
        .Parameter(ToolParameter.Integer("limitBytes", "Most bytes of log to read from the API server.") with { Minimum = 1024, Maximum = 1048576, Default = 65536, Advanced = true })
        .KubernetesNamespace("namespace")
        .MaxOutputBytes(ToolDefinition.DefaultMaxOutputBytes, TruncationMode.KeepEnd)
        .OutputSchema("""
            {"type": "object", "required": ["namespace", "pod", "container", "previous", "log"], "properties": {
              "namespace": {"type": "string"},
              "pod": {"type": "string"},
              "container": {"type": "string", "description": "The container read"},
              "containers": {"type": "array", "description": "Every container of the pod (init containers included)", "items": {"type": "string"}},
              "previous": {"type": "boolean"},
              "lineCount": {"type": "integer"},
              "log": {"type": "string", "description": "The log text, oldest line first"}}}
            """)
        .Build();

    /// <summary><c>get_k8s_events</c>: events, filtered by namespace, involved object and age.</summary>
    public static ToolDefinition GetK8sEvents { get; } = ToolDefinition.Builder("get_k8s_events")
        .Title("Get Kubernetes events")
        .Description(
            "Get Kubernetes events, newest first: scheduling failures (FailedScheduling: insufficient cpu or memory, taints), image pulls (ErrImagePull, BackOff), "
            + "probe failures (Unhealthy), OOM kills, evictions, FailedCreate from quotas, FailedMount of missing ConfigMaps or Secrets, and node conditions. "
            + "Filter by namespace and by the involved object's kind, name or uid; omit namespace for every namespace (refused where namespaces are restricted). "
            + "Events are a sensitive read; repeated events are merged with a count.")
        .PolicyClass(ToolPolicyClass.SensitiveRead)
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(Namespace("Namespace of the events; omit for every namespace.", required: false))
        .Parameter(ToolParameter.String("involvedKind", "Kind of the object the events are about, e.g. Pod, Deployment, Node.") with { Pattern = KindPattern, MaxLength = 63 })
        .Parameter(ToolParameter.String("involvedName", "Name of the object the events are about.") with { Pattern = NamePattern, MaxLength = 253 })
        .Parameter(ToolParameter.String("involvedUid", "UID of the object the events are about (exact match).") with { MaxLength = 64 })
        .Parameter(ToolParameter.Integer("sinceSeconds", "Only events last seen within this many seconds.") with { Minimum = 1, Maximum = 604800 })
        .KubernetesNamespace("namespace")
        .OutputSchema("""
            {"type": "object", "required": ["events", "count"], "properties": {
              "count": {"type": "integer"},
              "events": {"type": "array", "items": {"type": "object", "required": ["reason", "message"], "properties": {
                "type": {"type": "string", "description": "Normal or Warning"},
                "reason": {"type": "string"},
                "message": {"type": "string"},
                "count": {"type": "integer"},
                "firstTimestamp": {"type": "string"},
                "lastTimestamp": {"type": "string"},
                "source": {"type": "string", "description": "Reporting component, e.g. default-scheduler, kubelet"},
                "involvedObject": {"type": "object", "properties": {
                  "kind": {"type": "string"}, "name": {"type": "string"}, "namespace": {"type": "string"}}}}}}}}
            """)
        .Build();

    /// <summary><c>get_cloudwatch_metrics</c>: one metric's datapoints over a time range.</summary>
    public static ToolDefinition GetCloudWatchMetrics { get; } = ToolDefinition.Builder("get_cloudwatch_metrics")
        .Title("Get CloudWatch metrics")
        .Description(
            "Get the datapoints of one CloudWatch metric over a time range, in the cluster's Region. "
            + "For EKS workloads the usual namespace is ContainerInsights, e.g. pod_memory_utilization_over_pod_limit, pod_cpu_utilization_over_pod_limit, "
            + "pod_number_of_container_restarts, node_cpu_utilization, with dimensions ClusterName, Namespace, PodName (or Service, NodeName). "
            + "Give startTime/endTime, or minutes for the last N minutes (60 when neither is given). The period is in seconds (60 or a multiple of 60; 1, 5, 10, 30 for high-resolution metrics).")
        .PolicyClass(ToolPolicyClass.Read)
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(ToolParameter.String("namespace", "CloudWatch namespace (not a Kubernetes namespace), e.g. ContainerInsights, AWS/EKS, AWS/ApplicationELB.") with { Required = true, MinLength = 1, MaxLength = 255 })
        .Parameter(ToolParameter.String("metricName", "Metric name, e.g. pod_memory_utilization_over_pod_limit.") with { Required = true, MinLength = 1, MaxLength = 255 })
        .Parameter(ToolParameter.Object("dimensions", "Dimensions as name to value, e.g. {\"ClusterName\": \"prod-eks\", \"Namespace\": \"shop\", \"PodName\": \"checkout\"}.") with { ValueType = ToolParameterType.String })
        .Parameter(ToolParameter.String("stat", "Statistic: Average, Sum, Minimum, Maximum, SampleCount, or a percentile such as p99.") with { Pattern = "^(Average|Sum|Minimum|Maximum|SampleCount|p([0-9]{1,2}(\\.[0-9]{1,2})?|100))$", Default = "Average" })
        .Parameter(ToolParameter.Integer("period", "Seconds per datapoint: 60 or a multiple of 60 (1, 5, 10, 30 for high resolution).") with { Minimum = 1, Maximum = 86400, Default = 60, Advanced = true })
        .Parameter(ToolParameter.String("startTime", "Start of the range, RFC 3339, e.g. 2026-11-20T09:30:00Z.") with { Format = "date-time", Advanced = true })
        .Parameter(ToolParameter.String("endTime", "End of the range, RFC 3339; default now.") with { Format = "date-time", Advanced = true })
        .Parameter(ToolParameter.Integer("minutes", "The last this many minutes, instead of startTime; 60 when neither is given.") with { Minimum = 1, Maximum = 10080, Advanced = true })
        .Constraint(ToolParameterConstraint.AtMostOne("startTime", "minutes"))
        .Scope(MetricScope)
        .OutputSchema("""
            {"type": "object", "required": ["namespace", "metricName", "stat", "period", "datapoints"], "properties": {
              "namespace": {"type": "string"},
              "metricName": {"type": "string"},
              "dimensions": {"type": "object"},
              "stat": {"type": "string"},
              "period": {"type": "integer"},
              "startTime": {"type": "string"},
              "endTime": {"type": "string"},
              "unit": {"type": "string"},
              "datapoints": {"type": "array", "description": "Oldest first", "items": {"type": "object", "required": ["timestamp", "value"], "properties": {
                "timestamp": {"type": "string"}, "value": {"type": "number"}}}}}}
            """)
        .Build();

    /// <summary><c>query_cloudwatch_logs</c>: a Logs Insights query or a filter pattern over a log group.</summary>
    public static ToolDefinition QueryCloudWatchLogs { get; } = ToolDefinition.Builder("query_cloudwatch_logs")
        .Title("Query CloudWatch logs")
        .Description(
            "Search CloudWatch Logs over a time range: with a Logs Insights query (fields @timestamp, @message | filter @message like /OOM/ | sort @timestamp desc | limit 50) "
            + "or with a filter pattern (\"ERROR\" or { $.level = \"error\" }); with neither, the most recent events. "
            + "Name the log group, or a logType of the incident's cluster: application, dataplane, host, performance (Container Insights: /aws/containerinsights/<cluster>/<type>) "
            + "or api, audit, authenticator, controllerManager, scheduler (EKS control plane: /aws/eks/<cluster>/cluster). Default logType: application. "
            + "Logs are a sensitive read (redacted); the query spans namespaces, so it is refused where the deployment restricts namespaces.")
        .PolicyClass(ToolPolicyClass.SensitiveRead)
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(ToolParameter.String("logType", "Log type of the incident's cluster instead of a log group name.") with
        {
            Enum = ["application", "dataplane", "host", "performance", "api", "audit", "authenticator", "controllerManager", "scheduler"],
        })
        .Parameter(ToolParameter.String("logGroupName", "Log group name, e.g. /aws/containerinsights/prod-eks/application.") with { MinLength = 1, MaxLength = 512, Pattern = "^[\\.\\-_/#A-Za-z0-9]+$" })
        .Parameter(ToolParameter.String("query", "Logs Insights query.") with { MinLength = 1, MaxLength = 10000 })
        .Parameter(ToolParameter.String("filterPattern", "CloudWatch Logs filter pattern instead of a query.") with { MaxLength = 1024 })
        .Parameter(ToolParameter.String("startTime", "Start of the range, RFC 3339.") with { Format = "date-time", Advanced = true })
        .Parameter(ToolParameter.String("endTime", "End of the range, RFC 3339; default now.") with { Format = "date-time", Advanced = true })
        .Parameter(ToolParameter.Integer("minutes", "The last this many minutes, instead of startTime; 30 when neither is given.") with { Minimum = 1, Maximum = 10080, Advanced = true })
        .Parameter(ToolParameter.Integer("limit", "Most rows or events to return.") with { Minimum = 1, Maximum = 1000, Default = 100, Advanced = true })
        .Constraint(ToolParameterConstraint.AtMostOne("logType", "logGroupName"))
        .Constraint(ToolParameterConstraint.AtMostOne("query", "filterPattern"))
        .Constraint(ToolParameterConstraint.AtMostOne("startTime", "minutes"))
        .Scope(_ => new ToolCallScope(ToolCallScope.AllNamespaces, ToolPolicyClass.SensitiveRead))
        .OutputSchema("""
            {"type": "object", "required": ["logGroupName", "mode", "rows"], "properties": {
              "logGroupName": {"type": "string"},
              "mode": {"type": "string", "enum": ["insights", "filter", "recent"]},
              "startTime": {"type": "string"},
              "endTime": {"type": "string"},
              "status": {"type": "string", "description": "Logs Insights query status, e.g. Complete, Timeout"},
              "rowCount": {"type": "integer"},
              "rows": {"type": "array", "description": "Insights: one object per result row (field to value). Filter/recent: {timestamp, logStreamName, message}", "items": {"type": "object"}}}}
            """)
        .Build();

    /// <summary><c>get_alarm</c>: an alarm's configuration, state and recent history.</summary>
    public static ToolDefinition GetAlarm { get; } = ToolDefinition.Builder("get_alarm")
        .Title("Get a CloudWatch alarm")
        .Description(
            "Get a CloudWatch alarm in the cluster's Region: its configuration (metric or metric math, threshold, comparison, periods, or the rule of a composite alarm), "
            + "its current state with the reason and reasonData (recent datapoints), and its recent state history. "
            + "Use it first in an investigation to see exactly what fired and since when.")
        .PolicyClass(ToolPolicyClass.Read)
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(ToolParameter.String("alarmName", "The alarm's name, exactly.") with { Required = true, MinLength = 1, MaxLength = 255 })
        .Parameter(ToolParameter.Integer("historyItems", "Most recent history items to include.") with { Minimum = 0, Maximum = 100, Default = 10 })
        .OutputSchema("""
            {"type": "object", "required": ["alarmName", "type", "state"], "properties": {
              "alarmName": {"type": "string"},
              "alarmArn": {"type": "string"},
              "type": {"type": "string", "enum": ["metric", "composite"]},
              "state": {"type": "object", "required": ["value"], "properties": {
                "value": {"type": "string", "description": "OK, ALARM or INSUFFICIENT_DATA"},
                "reason": {"type": "string"},
                "updatedAt": {"type": "string"},
                "reasonData": {"type": "object"}}},
              "configuration": {"type": "object", "description": "Metric or metric-math definition, threshold and comparison, or the composite rule"},
              "history": {"type": "array", "items": {"type": "object", "properties": {
                "timestamp": {"type": "string"}, "type": {"type": "string"}, "summary": {"type": "string"}}}}}}
            """)
        .Build();

    /// <summary><c>execute_runbook</c>: a catalogue runbook, dry-run first, applied only when policy allows the exact change.</summary>
    public static ToolDefinition ExecuteRunbook { get; } = ToolDefinition.Builder("execute_runbook")
        .Title("Execute a runbook")
        .Description(
            "Run a remediation runbook from the catalogue on one target. It always makes a server-side dry run first and returns the exact change (patch and its hash). "
            + "With dryRun=true (the default) nothing changes. With dryRun=false the change is applied only if policy allows it: production clusters are read-only unless "
            + "a human approved this exact change (an approval token bound to the patch hash); staging and development follow the default policy. "
            + "If approval is needed the result says so with status approval-required and the change to approve. "
            + "Runbooks: restart-rollout, rollback-deployment, scale-deployment {replicas}, increase-memory-limit {container, memoryLimit}, increase-cpu-limit {container, cpuLimit}, "
            + "raise-hpa-max {maxReplicas}, delete-pod, cordon-node, drain-node, escalate (no change: pages a human).")
        .PolicyClass(ToolPolicyClass.Write)
        .Annotations(new ToolAnnotations(ReadOnly: false, Destructive: true, Idempotent: false, OpenWorld: false))
        .Parameter(ToolParameter.String("runbook", "Runbook id from the catalogue.") with { Required = true, Enum = [.. Runbooks.Ids] })
        .Parameter(ToolParameter.Object("target", "The object to act on, e.g. {\"kind\": \"Deployment\", \"namespace\": \"shop\", \"name\": \"checkout\"}.") with
        {
            Required = true,
            Properties =
            [
                ToolParameter.String("kind", "Kind of the target.") with
                {
                    Required = true,
                    Enum = [KubernetesKinds.Deployment, KubernetesKinds.StatefulSet, KubernetesKinds.DaemonSet, KubernetesKinds.Pod, KubernetesKinds.Node, KubernetesKinds.HorizontalPodAutoscaler],
                },
                ToolParameter.String("name", "Name of the target.") with { Required = true, Pattern = NamePattern, MaxLength = 253 },
                ToolParameter.String("namespace", "Namespace of the target; omit for a Node.") with { Pattern = NamespacePattern, MaxLength = 63 },
                ToolParameter.String("container", "Container to change, for increase-memory-limit and increase-cpu-limit.") with { Pattern = NamePattern, MaxLength = 63 },
            ],
        })
        .Parameter(ToolParameter.Object("parameters", "Runbook settings, e.g. {\"replicas\": 4} for scale-deployment or {\"container\": \"app\", \"memoryLimit\": \"1Gi\"} for increase-memory-limit. Bounds are enforced by policy."))
        .Parameter(ToolParameter.Boolean("dryRun", "true (default) only plans and shows the change; false applies it if policy allows.") with { Default = true })
        .DryRun("dryRun")
        .Scope(RunbookScope)
        .OutputSchema(WriteEnvelope("""
            {"type": "object", "description": "Present when applied: what the runbook did, e.g. the object's new generation or the evicted pods"}
            """))
        .Build();

    /// <summary><c>create_incident</c>: records an incident and publishes it as an EventBridge event.</summary>
    public static ToolDefinition CreateIncident { get; } = ToolDefinition.Builder("create_incident")
        .Title("Create an incident")
        .Description(
            "Record an incident with its findings and publish it as an EventBridge event, so humans are notified and the report is kept. "
            + "Use it to conclude an investigation or to escalate when no runbook can help: state the title, severity, a summary of what happened and why, "
            + "the findings as short evidence statements (each citing what showed it), and links (dashboards, log queries). It changes nothing in the cluster, so it never needs approval.")
        .PolicyClass(ToolPolicyClass.Write)
        .Annotations(new ToolAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true))
        .Parameter(ToolParameter.String("title", "One-line title, e.g. checkout pods OOMKilled after a traffic spike.") with { Required = true, MinLength = 1, MaxLength = 200 })
        .Parameter(ToolParameter.String("severity", "How bad it is.") with { Required = true, Enum = ["critical", "high", "medium", "low"] })
        .Parameter(ToolParameter.String("summary", "What happened, the root cause and the impact, in a few sentences.") with { Required = true, MinLength = 1, MaxLength = 4000 })
        .Parameter(ToolParameter.StringArray("findings", "Evidence statements, each short and citing its source, e.g. \"pod checkout-x2k9p: lastState OOMKilled, exit 137\".") with { MaxItems = 50, MaxLength = 1000 })
        .Parameter(ToolParameter.StringArray("links", "Related https links (dashboards, log queries, runbooks).") with { MaxItems = 20, MaxLength = 2048, Pattern = "^https?://" })
        .OutputSchema(WriteEnvelope("""
            {"type": "object", "properties": {
              "incidentId": {"type": "string"},
              "eventId": {"type": "string", "description": "EventBridge event id"},
              "createdAt": {"type": "string"}}}
            """))
        .Build();

    /// <summary>Every v1 tool, reads first.</summary>
    public static IReadOnlyList<ToolDefinition> All { get; } = Array.AsReadOnly(
    [
        ListK8sResources, GetK8sResource, GetPodLogs, GetK8sEvents, GetCloudWatchMetrics, QueryCloudWatchLogs, GetAlarm, ExecuteRunbook, CreateIncident,
    ]);

    private static ToolParameter Kind(bool required) =>
        ToolParameter.String("kind", "Kubernetes kind, singular as the API spells it: Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, Service, Node, Event, PersistentVolumeClaim, HorizontalPodAutoscaler, ...") with
        {
            Required = required,
            Pattern = KindPattern,
            MaxLength = 63,
        };

    private static ToolParameter ApiVersion() =>
        ToolParameter.String("apiVersion", "API version of the kind, e.g. v1, apps/v1, autoscaling/v2, elbv2.k8s.aws/v1beta1; omit for built-in kinds.") with { Pattern = ApiVersionPattern, MaxLength = 253 };

    private static ToolParameter Namespace(string description, bool required) =>
        ToolParameter.String("namespace", description) with { Required = required, Pattern = NamespacePattern, MaxLength = 63 };

    /// <summary>Reading Secrets is sensitive; cluster-scoped kinds have no namespace; a namespaced kind without one spans all namespaces.</summary>
    private static ToolCallScope KubernetesScope(ToolArguments arguments)
    {
        string kind = arguments.GetString("kind");
        var policyClass = kind == "Secret" ? ToolPolicyClass.SensitiveRead : ToolPolicyClass.Read;
        string? ns = arguments.GetOptionalString("namespace") ?? (ClusterScopedKinds.Contains(kind) ? null : ToolCallScope.AllNamespaces);
        return new ToolCallScope(ns, policyClass);
    }

    /// <summary>A Container Insights metric of one Kubernetes namespace is within that namespace's rules.</summary>
    private static ToolCallScope MetricScope(ToolArguments arguments) =>
        new(arguments.GetStringMap("dimensions").GetValueOrDefault("Namespace"), ToolPolicyClass.Read);

    private static ToolCallScope RunbookScope(ToolArguments arguments)
    {
        var target = arguments.GetObject("target")!;
        string? ns = target["namespace"]?.GetValue<string>();
        string kind = target["kind"]!.GetValue<string>();
        return new ToolCallScope(ns ?? (kind == KubernetesKinds.Node ? null : ToolCallScope.AllNamespaces), ToolPolicyClass.Write);
    }

    private static string WriteEnvelope(string resultSchema) => """
        {"type": "object", "required": ["status", "dryRun", "change", "policy"], "properties": {
          "status": {"type": "string", "enum": ["dry-run", "applied", "approval-required", "denied"]},
          "dryRun": {"type": "boolean"},
          "change": {"type": "object", "description": "The exact change, what an approval is bound to", "required": ["cluster", "target", "effect", "summary", "patch", "patchHash"], "properties": {
            "cluster": {"type": "string"},
            "namespace": {"type": "string"},
            "target": {"type": "string", "description": "Kind/name"},
            "runbook": {"type": "string"},
            "effect": {"type": "string", "enum": ["write", "no-action", "read-only"]},
            "summary": {"type": "string"},
            "patch": {"type": "object"},
            "patchHash": {"type": "string", "description": "sha256 of the canonical patch"}}},
          "policy": {"type": "object", "required": ["verdict", "rule", "reason"], "properties": {
            "verdict": {"type": "string", "enum": ["allow", "deny", "needs-approval"]},
            "rule": {"type": "string"},
            "reason": {"type": "string"}}},
          "preview": {"type": "object", "description": "The dry run's answer"},
          "result": RESULT}}
        """.Replace("RESULT", resultSchema, StringComparison.Ordinal);
}
