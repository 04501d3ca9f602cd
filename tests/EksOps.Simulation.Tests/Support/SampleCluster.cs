using System.Text.Json.Nodes;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Simulation.Tests;

/// <summary>
/// A small, realistic EKS cluster at 10:02 on 2026-11-20: in <c>shop</c>, Deployment <c>checkout</c> → ReplicaSet →
/// a running pod and a crash-looping one (with its previous log), a pending pod the scheduler reported on in the
/// events.k8s.io shape, a two-container <c>cart</c> pod, a Service, HPA, PDB, ConfigMap and an AWS Load Balancer
/// Controller TargetGroupBinding; two nodes; <c>kube-system</c> noise (CoreDNS, aws-node).
/// </summary>
internal static class SampleCluster
{
    public const string Namespace = "shop";
    public const string Deployment = "checkout";
    public const string RunningPod = "checkout-6d8f7b9c4-x2k9p";
    public const string CrashingPod = "checkout-6d8f7b9c4-7tqvz";
    public const string PendingPod = "checkout-6d8f7b9c4-9zzkw";
    public const string CartPod = "cart-7c9f6d5b8-lq4zt";
    public const string DeploymentUid = "5f0c2a7e-93b1-4d7e-8a51-6f2d1c0b9e11";
    public const string CrashingPodUid = "b2a8f6c4-1d3e-4f5a-9b7c-8d6e5f4a3b21";

    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T10:02:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public const string PreviousLog =
        "2026-11-20T10:00:51Z INFO starting checkout 1.4.2\n" +
        "2026-11-20T10:00:52Z INFO connecting to payments at payments.shop.svc:8443\n" +
        "2026-11-20T10:00:57Z ERROR dial tcp 10.100.31.7:8443: connect: connection refused\n" +
        "panic: payments unavailable\n";

    public const string RunningLog =
        "2026-11-20T09:50:00Z INFO starting checkout 1.4.2\n" +
        "2026-11-20T09:55:00Z INFO served 1200 requests\n" +
        "2026-11-20T10:00:00Z WARN payments latency p99 2.1s\n" +
        "2026-11-20T10:01:30Z ERROR payment call timed out after 5s\n";

    public static SimulatedCluster Create() => new(Objects(), Logs(), Now);

    public static List<ContainerLog> Logs() =>
    [
        new(Namespace, CrashingPod, "app", Previous: true, PreviousLog),
        new(Namespace, RunningPod, "app", Previous: false, RunningLog),
        new(Namespace, CartPod, "app", Previous: false, "cart ready\n"),
        new(Namespace, CartPod, "log-shipper", Previous: false, "shipping to cloudwatch\n"),
    ];

    public static List<JsonObject> Objects() => [.. JsonNode.Parse(Json)!["items"]!.AsArray().Select(o => o!.AsObject().DeepClone().AsObject())];

    private const string Json = """
    {
      "apiVersion": "v1",
      "kind": "List",
      "items": [
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "checkout", "namespace": "shop", "uid": "5f0c2a7e-93b1-4d7e-8a51-6f2d1c0b9e11",
            "resourceVersion": "81230", "generation": 3, "creationTimestamp": "2026-11-13T08:00:00Z",
            "labels": {"app": "checkout"},
            "annotations": {"deployment.kubernetes.io/revision": "3"}
          },
          "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "checkout"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
            "template": {
              "metadata": {"labels": {"app": "checkout"}},
              "spec": {
                "containers": [
                  {
                    "name": "app", "image": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:1.4.2",
                    "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                    "env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "PAYMENTS_URL", "value": "https://payments.shop.svc:8443"}],
                    "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}}
                  }
                ],
                "terminationGracePeriodSeconds": 30
              }
            }
          },
          "status": {"observedGeneration": 3, "replicas": 3, "updatedReplicas": 3, "readyReplicas": 1, "availableReplicas": 1, "unavailableReplicas": 2}
        },
        {
          "apiVersion": "apps/v1",
          "kind": "ReplicaSet",
          "metadata": {
            "name": "checkout-6d8f7b9c4", "namespace": "shop", "creationTimestamp": "2026-11-19T22:00:00Z",
            "labels": {"app": "checkout", "pod-template-hash": "6d8f7b9c4"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "checkout", "uid": "5f0c2a7e-93b1-4d7e-8a51-6f2d1c0b9e11", "controller": true, "blockOwnerDeletion": true}]
          },
          "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "checkout", "pod-template-hash": "6d8f7b9c4"}},
            "template": {"metadata": {"labels": {"app": "checkout", "pod-template-hash": "6d8f7b9c4"}}, "spec": {"containers": [{"name": "app", "image": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:1.4.2"}]}}
          },
          "status": {"replicas": 3, "readyReplicas": 1, "availableReplicas": 1, "observedGeneration": 1}
        },
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "checkout-6d8f7b9c4-x2k9p", "namespace": "shop", "creationTimestamp": "2026-11-19T22:00:05Z",
            "labels": {"app": "checkout", "pod-template-hash": "6d8f7b9c4"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "checkout-6d8f7b9c4", "uid": "0d1e2f3a-4b5c-4d6e-8f70-112233445566", "controller": true}]
          },
          "spec": {
            "nodeName": "ip-10-0-1-23.ap-northeast-2.compute.internal",
            "containers": [{"name": "app", "image": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:1.4.2", "resources": {"requests": {"memory": "256Mi"}, "limits": {"memory": "512Mi"}}}]
          },
          "status": {
            "phase": "Running", "podIP": "10.0.1.57", "podIPs": [{"ip": "10.0.1.57"}], "hostIP": "10.0.1.23",
            "conditions": [{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "True"}, {"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0, "started": true,
              "state": {"running": {"startedAt": "2026-11-19T22:00:09Z"}}, "containerID": "containerd://aa11", "image": "checkout:1.4.2"}]
          }
        },
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "checkout-6d8f7b9c4-7tqvz", "namespace": "shop", "uid": "b2a8f6c4-1d3e-4f5a-9b7c-8d6e5f4a3b21", "creationTimestamp": "2026-11-20T09:40:00Z",
            "labels": {"app": "checkout", "pod-template-hash": "6d8f7b9c4"}
          },
          "spec": {
            "nodeName": "ip-10-0-2-45.ap-northeast-2.compute.internal",
            "containers": [{"name": "app", "image": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:1.4.2"}]
          },
          "status": {
            "phase": "Running", "podIP": "10.0.2.88",
            "conditions": [{"type": "Ready", "status": "False", "reason": "ContainersNotReady"}, {"type": "Initialized", "status": "True"}],
            "containerStatuses": [{
              "name": "app", "ready": false, "restartCount": 5, "started": false,
              "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=app pod=checkout-6d8f7b9c4-7tqvz_shop"}},
              "lastState": {"terminated": {"exitCode": 2, "reason": "Error", "startedAt": "2026-11-20T10:00:50Z", "finishedAt": "2026-11-20T10:00:58Z", "containerID": "containerd://bb22"}},
              "containerID": "containerd://bb22", "image": "checkout:1.4.2"
            }]
          }
        },
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "checkout-6d8f7b9c4-9zzkw", "namespace": "shop", "creationTimestamp": "2026-11-20T09:58:00Z", "labels": {"app": "checkout", "pod-template-hash": "6d8f7b9c4"}},
          "spec": {"containers": [{"name": "app", "image": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:1.4.2", "resources": {"requests": {"cpu": "4"}}}]},
          "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": "0/2 nodes are available: 2 Insufficient cpu."}]}
        },
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "cart-7c9f6d5b8-lq4zt", "namespace": "shop", "creationTimestamp": "2026-11-18T12:00:00Z", "labels": {"app": "cart"}},
          "spec": {
            "nodeName": "ip-10-0-1-23.ap-northeast-2.compute.internal",
            "containers": [
              {"name": "app", "image": "cart:2.0.1", "ports": [{"containerPort": 8080}]},
              {"name": "log-shipper", "image": "fluent-bit:3.1"}
            ]
          },
          "status": {
            "phase": "Running", "podIP": "10.0.1.60",
            "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [
              {"name": "app", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": "2026-11-18T12:00:04Z"}}},
              {"name": "log-shipper", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": "2026-11-18T12:00:04Z"}}}
            ]
          }
        },
        {
          "apiVersion": "v1",
          "kind": "Service",
          "metadata": {"name": "checkout", "namespace": "shop", "creationTimestamp": "2026-11-13T08:00:00Z", "labels": {"app": "checkout"}},
          "spec": {"type": "ClusterIP", "clusterIP": "10.100.12.34", "selector": {"app": "checkout"}, "ports": [{"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP"}]}
        },
        {
          "apiVersion": "v1",
          "kind": "ConfigMap",
          "metadata": {"name": "checkout-config", "namespace": "shop", "creationTimestamp": "2026-11-13T08:00:00Z"},
          "data": {"PAYMENTS_TIMEOUT": "5s"}
        },
        {
          "apiVersion": "autoscaling/v2",
          "kind": "HorizontalPodAutoscaler",
          "metadata": {"name": "checkout", "namespace": "shop", "creationTimestamp": "2026-11-13T08:00:00Z"},
          "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "checkout"},
            "minReplicas": 2, "maxReplicas": 5,
            "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]
          },
          "status": {"currentReplicas": 3, "desiredReplicas": 3}
        },
        {
          "apiVersion": "policy/v1",
          "kind": "PodDisruptionBudget",
          "metadata": {"name": "checkout", "namespace": "shop", "creationTimestamp": "2026-11-13T08:00:00Z", "generation": 1},
          "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "checkout"}}},
          "status": {"observedGeneration": 1, "disruptionsAllowed": 0, "currentHealthy": 1, "desiredHealthy": 1, "expectedPods": 3}
        },
        {
          "apiVersion": "elbv2.k8s.aws/v1beta1",
          "kind": "TargetGroupBinding",
          "metadata": {"name": "k8s-shop-checkout-3f2a1b0c9d", "namespace": "shop", "creationTimestamp": "2026-11-13T08:00:10Z", "labels": {"ingress.k8s.aws/stack-name": "checkout"}},
          "spec": {
            "serviceRef": {"name": "checkout", "port": 80},
            "targetGroupARN": "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/k8s-shop-checkout-3f2a1b0c9d/0123456789abcdef",
            "targetType": "ip"
          },
          "status": {"observedGeneration": 1}
        },
        {
          "apiVersion": "v1",
          "kind": "Event",
          "metadata": {"name": "checkout-6d8f7b9c4-7tqvz.1879a1b2c3d4e5f6", "namespace": "shop", "creationTimestamp": "2026-11-20T09:42:00Z"},
          "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": "checkout-6d8f7b9c4-7tqvz", "namespace": "shop", "fieldPath": "spec.containers{app}"},
          "reason": "BackOff", "message": "Back-off restarting failed container app in pod checkout-6d8f7b9c4-7tqvz_shop(b2a8f6c4-1d3e-4f5a-9b7c-8d6e5f4a3b21)",
          "type": "Warning", "count": 23, "firstTimestamp": "2026-11-20T09:42:00Z", "lastTimestamp": "2026-11-20T10:01:10Z",
          "source": {"component": "kubelet", "host": "ip-10-0-2-45.ap-northeast-2.compute.internal"}
        },
        {
          "apiVersion": "v1",
          "kind": "Event",
          "metadata": {"name": "checkout-6d8f7b9c4-7tqvz.1879a1b2c3d4e5a0", "namespace": "shop", "creationTimestamp": "2026-11-20T09:40:02Z"},
          "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": "checkout-6d8f7b9c4-7tqvz", "namespace": "shop", "fieldPath": "spec.containers{app}"},
          "reason": "Pulled", "message": "Container image \"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:1.4.2\" already present on machine",
          "type": "Normal", "count": 6, "firstTimestamp": "2026-11-20T09:40:02Z", "lastTimestamp": "2026-11-20T10:00:49Z",
          "source": {"component": "kubelet", "host": "ip-10-0-2-45.ap-northeast-2.compute.internal"}
        },
        {
          "apiVersion": "v1",
          "kind": "Event",
          "metadata": {"name": "checkout.1879a0f1e2d3c4b5", "namespace": "shop", "creationTimestamp": "2026-11-19T22:00:00Z"},
          "involvedObject": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "checkout", "namespace": "shop"},
          "reason": "ScalingReplicaSet", "message": "Scaled up replica set checkout-6d8f7b9c4 to 3",
          "type": "Normal", "count": 1, "firstTimestamp": "2026-11-19T22:00:00Z", "lastTimestamp": "2026-11-19T22:00:00Z",
          "source": {"component": "deployment-controller"}
        },
        {
          "apiVersion": "events.k8s.io/v1",
          "kind": "Event",
          "metadata": {"name": "checkout-6d8f7b9c4-9zzkw.1879a1c0ffee0001", "namespace": "shop", "creationTimestamp": "2026-11-20T09:58:01Z"},
          "eventTime": "2026-11-20T09:58:01.123456Z",
          "series": {"count": 4, "lastObservedTime": "2026-11-20T10:01:31.000000Z"},
          "reportingController": "default-scheduler",
          "reportingInstance": "default-scheduler-ip-10-0-0-10",
          "action": "Scheduling",
          "reason": "FailedScheduling",
          "regarding": {"apiVersion": "v1", "kind": "Pod", "name": "checkout-6d8f7b9c4-9zzkw", "namespace": "shop"},
          "note": "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
          "type": "Warning"
        },
        {
          "apiVersion": "v1",
          "kind": "Node",
          "metadata": {
            "name": "ip-10-0-1-23.ap-northeast-2.compute.internal", "creationTimestamp": "2026-11-01T00:00:00Z",
            "labels": {"kubernetes.io/hostname": "ip-10-0-1-23.ap-northeast-2.compute.internal", "topology.kubernetes.io/zone": "ap-northeast-2a", "eks.amazonaws.com/nodegroup": "general"}
          },
          "spec": {"providerID": "aws:///ap-northeast-2a/i-0a1b2c3d4e5f60001"},
          "status": {
            "conditions": [{"type": "MemoryPressure", "status": "False"}, {"type": "Ready", "status": "True", "reason": "KubeletReady"}],
            "addresses": [{"type": "InternalIP", "address": "10.0.1.23"}, {"type": "Hostname", "address": "ip-10-0-1-23.ap-northeast-2.compute.internal"}],
            "allocatable": {"cpu": "1930m", "memory": "7220Mi", "pods": "29"},
            "nodeInfo": {"kubeletVersion": "v1.32.9-eks-113cf36", "osImage": "Amazon Linux 2023.9.20251110", "kernelVersion": "6.1.155-176.282.amzn2023.x86_64", "containerRuntimeVersion": "containerd://1.7.27"}
          }
        },
        {
          "apiVersion": "v1",
          "kind": "Node",
          "metadata": {
            "name": "ip-10-0-2-45.ap-northeast-2.compute.internal", "creationTimestamp": "2026-11-01T00:00:00Z",
            "labels": {"kubernetes.io/hostname": "ip-10-0-2-45.ap-northeast-2.compute.internal", "topology.kubernetes.io/zone": "ap-northeast-2b", "eks.amazonaws.com/nodegroup": "general"}
          },
          "spec": {"providerID": "aws:///ap-northeast-2b/i-0a1b2c3d4e5f60002"},
          "status": {
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}],
            "addresses": [{"type": "InternalIP", "address": "10.0.2.45"}],
            "allocatable": {"cpu": "1930m", "memory": "7220Mi", "pods": "29"},
            "nodeInfo": {"kubeletVersion": "v1.32.9-eks-113cf36", "osImage": "Amazon Linux 2023.9.20251110", "kernelVersion": "6.1.155-176.282.amzn2023.x86_64", "containerRuntimeVersion": "containerd://1.7.27"}
          }
        },
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {"name": "coredns", "namespace": "kube-system", "creationTimestamp": "2026-11-01T00:00:00Z", "labels": {"k8s-app": "kube-dns", "eks.amazonaws.com/component": "coredns"}},
          "spec": {"replicas": 2, "selector": {"matchLabels": {"k8s-app": "kube-dns"}}, "template": {"metadata": {"labels": {"k8s-app": "kube-dns"}}, "spec": {"containers": [{"name": "coredns", "image": "coredns:v1.11.4-eksbuild.2"}]}}},
          "status": {"replicas": 2, "readyReplicas": 2, "updatedReplicas": 2, "availableReplicas": 2}
        },
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "coredns-5b9dfbf96-abcde", "namespace": "kube-system", "creationTimestamp": "2026-11-01T00:01:00Z", "labels": {"k8s-app": "kube-dns"}},
          "spec": {"nodeName": "ip-10-0-1-23.ap-northeast-2.compute.internal", "containers": [{"name": "coredns", "image": "coredns:v1.11.4-eksbuild.2"}]},
          "status": {"phase": "Running", "containerStatuses": [{"name": "coredns", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": "2026-11-01T00:01:05Z"}}}]}
        },
        {
          "apiVersion": "apps/v1",
          "kind": "DaemonSet",
          "metadata": {"name": "aws-node", "namespace": "kube-system", "creationTimestamp": "2026-11-01T00:00:00Z", "labels": {"k8s-app": "aws-node"}},
          "spec": {"selector": {"matchLabels": {"k8s-app": "aws-node"}}, "template": {"metadata": {"labels": {"k8s-app": "aws-node"}}, "spec": {"containers": [{"name": "aws-node", "image": "amazon-k8s-cni:v1.19.2"}]}}},
          "status": {"desiredNumberScheduled": 2, "currentNumberScheduled": 2, "numberReady": 2, "updatedNumberScheduled": 2, "numberAvailable": 2}
        },
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "aws-node-7x2lp", "namespace": "kube-system", "creationTimestamp": "2026-11-01T00:00:30Z", "labels": {"k8s-app": "aws-node"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "aws-node", "uid": "77777777-0000-4000-8000-000000000001", "controller": true}]},
          "spec": {"nodeName": "ip-10-0-2-45.ap-northeast-2.compute.internal", "containers": [{"name": "aws-node", "image": "amazon-k8s-cni:v1.19.2"}]},
          "status": {"phase": "Running", "containerStatuses": [{"name": "aws-node", "ready": true, "restartCount": 1, "state": {"running": {"startedAt": "2026-11-01T00:02:00Z"}},
            "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": "2026-11-01T00:00:40Z", "finishedAt": "2026-11-01T00:01:59Z", "containerID": "containerd://cc33"}}}]}
        }
      ]
    }
    """;
}
