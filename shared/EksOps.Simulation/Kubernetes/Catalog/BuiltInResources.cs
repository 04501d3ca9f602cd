namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Kubernetes' built-in resources the simulator serves, with the names, short names, categories, verbs and
/// subresources a Kubernetes 1.32 API server advertises for them.
/// </summary>
internal static class BuiltInResources
{
    /// <summary>The built-in groups in the order a real server lists them, each with its versions, preferred first.</summary>
    public static readonly IReadOnlyList<(string Group, string[] Versions)> Groups =
    [
        ("", ["v1"]),
        ("apps", ["v1"]),
        ("events.k8s.io", ["v1"]),
        ("autoscaling", ["v2", "v1"]),
        ("batch", ["v1"]),
        ("networking.k8s.io", ["v1"]),
        ("policy", ["v1"]),
        ("rbac.authorization.k8s.io", ["v1"]),
        ("storage.k8s.io", ["v1"]),
        ("apiextensions.k8s.io", ["v1"]),
        ("scheduling.k8s.io", ["v1"]),
        ("coordination.k8s.io", ["v1"]),
        ("discovery.k8s.io", ["v1"]),
        ("authorization.k8s.io", ["v1"]),
    ];

    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];
    private static readonly string[] CreateGet = ["create", "get"];
    private static readonly string[] Create = ["create"];
    private static readonly string[] Proxy = ["create", "delete", "get", "patch", "update"];

    /// <summary>Every built-in resource.</summary>
    public static IReadOnlyList<ResourceType> All { get; } = Build();

    private static List<ResourceType> Build()
    {
        var podFields = Fields(
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase",
            "status.podIP", "status.nominatedNodeName");
        podFields["spec.hostNetwork"] = new FieldLabel(["spec", "hostNetwork"], "false");
        podFields["status.podIPs"] = new FieldLabel(["status", "podIP"]);

        var eventFields = Fields(
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "type");
        eventFields["source"] = new FieldLabel(["source", "component"]);

        // events.k8s.io selects on its own field names; the stored (core) event holds them under the core names.
        var eventsApiFields = new Dictionary<string, FieldLabel>(eventFields, StringComparer.Ordinal);
        foreach (var field in new[] { "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath" })
        {
            eventsApiFields["regarding." + field] = eventFields["involvedObject." + field];
        }

        eventsApiFields["reportingController"] = eventFields["reportingComponent"];

        var nodeFields = new Dictionary<string, FieldLabel>(StringComparer.Ordinal) { ["spec.unschedulable"] = new(["spec", "unschedulable"], "false") };

        return
        [
            // core/v1
            Core("configmaps", "configmap", "ConfigMap", true, shortNames: ["cm"]),
            Core("endpoints", "endpoints", "Endpoints", true, shortNames: ["ep"]),
            Core("events", "event", "Event", true, shortNames: ["ev"], fields: eventFields),
            Core("limitranges", "limitrange", "LimitRange", true, shortNames: ["limits"]),
            Core("namespaces", "namespace", "Namespace", false, shortNames: ["ns"],
                verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
                subresources: [new("namespaces/finalize", "Namespace", ["update"]), Status("namespaces", "Namespace")],
                fields: Fields("status.phase")),
            Core("nodes", "node", "Node", false, shortNames: ["no"],
                subresources: [new("nodes/proxy", "NodeProxyOptions", Proxy), Status("nodes", "Node")], fields: nodeFields),
            Core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, shortNames: ["pvc"],
                subresources: [Status("persistentvolumeclaims", "PersistentVolumeClaim")]),
            Core("persistentvolumes", "persistentvolume", "PersistentVolume", false, shortNames: ["pv"],
                subresources: [Status("persistentvolumes", "PersistentVolume")]),
            Core("pods", "pod", "Pod", true, shortNames: ["po"], categories: ["all"], fields: podFields,
                subresources:
                [
                    new("pods/attach", "PodAttachOptions", CreateGet),
                    new("pods/binding", "Binding", Create),
                    new("pods/ephemeralcontainers", "Pod", GetPatchUpdate),
                    new("pods/eviction", "Eviction", Create, "policy", "v1"),
                    new("pods/exec", "PodExecOptions", CreateGet),
                    new("pods/log", "Pod", ["get"]),
                    new("pods/portforward", "PodPortForwardOptions", CreateGet),
                    new("pods/proxy", "PodProxyOptions", Proxy),
                    Status("pods", "Pod"),
                ]),
            Core("podtemplates", "podtemplate", "PodTemplate", true),
            Core("replicationcontrollers", "replicationcontroller", "ReplicationController", true, shortNames: ["rc"], categories: ["all"],
                subresources: [Scale("replicationcontrollers"), Status("replicationcontrollers", "ReplicationController")],
                fields: Fields("status.replicas"), generation: true),
            Core("resourcequotas", "resourcequota", "ResourceQuota", true, shortNames: ["quota"],
                subresources: [Status("resourcequotas", "ResourceQuota")]),
            Core("secrets", "secret", "Secret", true, fields: Fields("type")),
            Core("serviceaccounts", "serviceaccount", "ServiceAccount", true, shortNames: ["sa"],
                subresources: [new("serviceaccounts/token", "TokenRequest", Create, "authentication.k8s.io", "v1")]),
            Core("services", "service", "Service", true, shortNames: ["svc"], categories: ["all"],
                subresources: [new("services/proxy", "ServiceProxyOptions", Proxy), Status("services", "Service")]),

            // apps/v1
            Api("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true),
            Api("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, shortNames: ["ds"], categories: ["all"],
                subresources: [Status("daemonsets", "DaemonSet")]),
            Api("apps", "v1", "deployments", "deployment", "Deployment", true, shortNames: ["deploy"], categories: ["all"],
                subresources: [Scale("deployments"), Status("deployments", "Deployment")]),
            Api("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, shortNames: ["rs"], categories: ["all"],
                subresources: [Scale("replicasets"), Status("replicasets", "ReplicaSet")]),
            Api("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, shortNames: ["sts"], categories: ["all"],
                subresources: [Scale("statefulsets"), Status("statefulsets", "StatefulSet")]),

            // events.k8s.io/v1: the same events as core/v1, in the newer shape.
            new ResourceType
            {
                Group = "events.k8s.io", Version = "v1", Name = "events", SingularName = "event", Kind = "Event", Namespaced = true,
                ShortNames = ["ev"], IsEventsApi = true, StorageGroup = "", FieldLabels = eventsApiFields,
            },

            // autoscaling/v2 and v1: one storage.
            Api("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true,
                shortNames: ["hpa"], categories: ["all"], subresources: [Status("horizontalpodautoscalers", "HorizontalPodAutoscaler")]),
            Api("autoscaling", "v1", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true,
                shortNames: ["hpa"], categories: ["all"], subresources: [Status("horizontalpodautoscalers", "HorizontalPodAutoscaler")]),

            // batch/v1
            Api("batch", "v1", "cronjobs", "cronjob", "CronJob", true, shortNames: ["cj"], categories: ["all"],
                subresources: [Status("cronjobs", "CronJob")]),
            Api("batch", "v1", "jobs", "job", "Job", true, categories: ["all"],
                subresources: [Status("jobs", "Job")], fields: Fields("status.successful")),

            // networking.k8s.io/v1
            Api("networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass", false),
            Api("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, shortNames: ["ing"],
                subresources: [Status("ingresses", "Ingress")]),
            Api("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, shortNames: ["netpol"]),

            // policy/v1
            Api("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, shortNames: ["pdb"],
                subresources: [Status("poddisruptionbudgets", "PodDisruptionBudget")]),

            // rbac.authorization.k8s.io/v1
            Api("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, generation: false),
            Api("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, generation: false),
            Api("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, generation: false),
            Api("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, generation: false),

            // storage.k8s.io/v1
            Api("storage.k8s.io", "v1", "csidrivers", "csidriver", "CSIDriver", false, generation: false),
            Api("storage.k8s.io", "v1", "csinodes", "csinode", "CSINode", false, generation: false),
            Api("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false, shortNames: ["sc"], generation: false),
            Api("storage.k8s.io", "v1", "volumeattachments", "volumeattachment", "VolumeAttachment", false, generation: false,
                subresources: [Status("volumeattachments", "VolumeAttachment")]),

            // apiextensions.k8s.io/v1
            Api("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false,
                shortNames: ["crd", "crds"], subresources: [Status("customresourcedefinitions", "CustomResourceDefinition")]),

            // scheduling.k8s.io/v1, coordination.k8s.io/v1, discovery.k8s.io/v1
            Api("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", false, shortNames: ["pc"], generation: false),
            Api("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, generation: false),
            Api("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, generation: false),

            // authorization.k8s.io/v1: "can I?" reviews, answered and not stored (kubectl auth can-i).
            Api("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", false,
                verbs: ["create"], generation: false),
        ];
    }

    private static ResourceType Core(
        string name, string singular, string kind, bool namespaced, string[]? shortNames = null, string[]? categories = null,
        SubresourceType[]? subresources = null, Dictionary<string, FieldLabel>? fields = null, string[]? verbs = null, bool generation = false) =>
        Api("", "v1", name, singular, kind, namespaced, shortNames, categories, subresources, fields, verbs, generation);

    private static ResourceType Api(
        string group, string version, string name, string singular, string kind, bool namespaced, string[]? shortNames = null,
        string[]? categories = null, SubresourceType[]? subresources = null, Dictionary<string, FieldLabel>? fields = null,
        string[]? verbs = null, bool generation = true) => new()
        {
            Group = group,
            Version = version,
            Name = name,
            SingularName = singular,
            Kind = kind,
            Namespaced = namespaced,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            Subresources = subresources ?? [],
            FieldLabels = fields ?? [],
            Verbs = verbs ?? ResourceType.StandardVerbs,
            TracksGeneration = generation,
        };

    private static SubresourceType Status(string resource, string kind) => new(resource + "/status", kind, GetPatchUpdate);

    private static SubresourceType Scale(string resource) => new(resource + "/scale", "Scale", GetPatchUpdate, "autoscaling", "v1");

    private static Dictionary<string, FieldLabel> Fields(params string[] names)
    {
        var fields = new Dictionary<string, FieldLabel>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            fields[name] = new FieldLabel(name.Split('.'));
        }

        return fields;
    }
}
