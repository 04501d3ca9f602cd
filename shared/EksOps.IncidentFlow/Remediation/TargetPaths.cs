using EksOps.Incidents;

namespace EksOps.IncidentFlow.Remediation;

/// <summary>The REST paths of the kinds runbooks act on (those of <c>execute_runbook</c>'s target).</summary>
internal static class TargetPaths
{
    public static string? Of(string kind, string? ns, string name)
    {
        string n = Uri.EscapeDataString(name);
        string? space = ns is null ? null : Uri.EscapeDataString(ns);
        return kind switch
        {
            KubernetesKinds.Deployment when space is not null => $"/apis/apps/v1/namespaces/{space}/deployments/{n}",
            KubernetesKinds.StatefulSet when space is not null => $"/apis/apps/v1/namespaces/{space}/statefulsets/{n}",
            KubernetesKinds.DaemonSet when space is not null => $"/apis/apps/v1/namespaces/{space}/daemonsets/{n}",
            KubernetesKinds.HorizontalPodAutoscaler when space is not null => $"/apis/autoscaling/v2/namespaces/{space}/horizontalpodautoscalers/{n}",
            KubernetesKinds.Pod when space is not null => $"/api/v1/namespaces/{space}/pods/{n}",
            KubernetesKinds.Node => $"/api/v1/nodes/{n}",
            _ => null,
        };
    }
}
