using System.Text.Json.Nodes;

namespace EksOps.Simulation.Tests;

/// <summary>Writes over raw HTTP: the three patch types, replace, scale, status, delete, eviction, create, dry runs, validation, watches.</summary>
public sealed class WriteTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Deployments = "/apis/apps/v1/namespaces/shop/deployments";
    private const string Pods = "/api/v1/namespaces/shop/pods";
    private const string Strategic = "application/strategic-merge-patch+json";
    private const string Merge = "application/merge-patch+json";
    private const string JsonPatch = "application/json-patch+json";

    [Fact]
    public async Task A_strategic_merge_patch_merges_containers_and_env_by_name_and_bumps_generation()
    {
        var before = fixture.Cluster.Find("apps/v1", "Deployment", "shop", "checkout")!;
        const string Patch = """
            {"spec":{"template":{"spec":{"containers":[{"name":"app","image":"checkout:1.4.3",
              "env":[{"name":"FEATURE_RETRY","value":"on"},{"name":"LOG_LEVEL","$patch":"delete"}]}]}}}}
            """;

        var (status, patched) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, $"{Deployments}/checkout", Patch, Strategic);

        Assert.Equal(200, status);
        var container = Assert.Single(patched.Items("spec", "template", "spec", "containers"));
        Assert.Equal("checkout:1.4.3", container.Str("image"));
        Assert.Equal(["PAYMENTS_URL", "FEATURE_RETRY"], container.Items("env").Select(e => e.Str("name")));
        Assert.Equal(8080L, container.Int("ports", "0", "containerPort"));
        Assert.Equal("512Mi", container.Str("resources", "limits", "memory"));
        Assert.Equal(before.Int("metadata", "generation") + 1, patched.Int("metadata", "generation"));
        Assert.NotEqual(before.Str("metadata", "resourceVersion"), patched.Str("metadata", "resourceVersion"));
        Assert.Equal(before.Str("metadata", "uid"), patched.Str("metadata", "uid"));
        Assert.True(JsonNode.DeepEquals(before["status"], patched["status"]));

        var write = fixture.Server.Writes[^1];
        Assert.Equal(("PATCH", Strategic, "deployments", "checkout", false), (write.Verb, write.PatchType, write.Resource, write.Name, write.DryRun));
        Assert.Equal("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/checkout:1.4.2", write.Before!.Str("spec", "template", "spec", "containers", "0", "image"));
        Assert.Equal("checkout:1.4.3", write.After!.Str("spec", "template", "spec", "containers", "0", "image"));
    }

    [Fact]
    public async Task A_strategic_merge_patch_merges_service_ports_by_port()
    {
        var (status, service) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, "/api/v1/namespaces/shop/services/checkout", """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""", Strategic);

        Assert.Equal(200, status);
        var port = Assert.Single(service.Items("spec", "ports"));
        Assert.Equal(("http", 9090L, "TCP"), (port.Str("name"), port.Int("targetPort"), port.Str("protocol")));
    }

    [Fact]
    public async Task A_json_merge_patch_replaces_lists_whole_and_null_deletes()
    {
        const string Patch = """{"metadata":{"labels":{"pod-template-hash":null,"team":"payments"}},"spec":{"template":{"spec":{"containers":[{"name":"app"}]}}}}""";

        var (status, patched) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/shop/replicasets/checkout-6d8f7b9c4", Patch, Merge);

        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"app":"checkout","team":"payments"}"""), patched.At("metadata", "labels")));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"app"}]"""), patched.At("spec", "template", "spec", "containers")));
        Assert.Equal(Merge, fixture.Server.Writes[^1].PatchType);
    }

    [Fact]
    public async Task A_json_patch_applies_its_operations_in_order_and_a_failed_test_changes_nothing()
    {
        const string Raise = """
            [{"op":"test","path":"/spec/maxReplicas","value":5},
             {"op":"replace","path":"/spec/maxReplicas","value":8},
             {"op":"add","path":"/metadata/annotations","value":{"eksops.io/runbook":"raise-hpa-max"}}]
            """;
        const string Stale = """[{"op":"test","path":"/spec/maxReplicas","value":5},{"op":"replace","path":"/spec/maxReplicas","value":20}]""";
        const string Path = "/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/checkout";

        var (status, hpa) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, Path, Raise, JsonPatch);
        var (staleStatus, error) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, Path, Stale, JsonPatch);

        Assert.Equal(200, status);
        Assert.Equal((8L, "raise-hpa-max"), (hpa.Int("spec", "maxReplicas"), hpa.Str("metadata", "annotations", "eksops.io/runbook")));
        Assert.Equal((422, "Invalid"), (staleStatus, error.Str("reason")));
        Assert.Equal(8, fixture.Cluster.Find("autoscaling/v2", "HorizontalPodAutoscaler", "shop", "checkout")!.Int("spec", "maxReplicas"));
    }

    [Fact]
    public async Task A_patch_to_the_object_ignores_status_and_a_patch_to_status_changes_only_status()
    {
        var before = fixture.Cluster.Find("v1", "Pod", "shop", SampleCluster.CrashingPod)!;

        var (mainStatus, main) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, $"{Pods}/{SampleCluster.CrashingPod}", """{"status":{"phase":"Failed"}}""", Merge);
        var (statusStatus, status) = await fixture.Http.SendJsonAsync(
            HttpMethod.Patch, $"{Pods}/{SampleCluster.CrashingPod}/status", """{"metadata":{"labels":{"x":"y"}},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", Strategic);

        Assert.Equal((200, "Running"), (mainStatus, main.Str("status", "phase")));
        Assert.Equal(before.Str("metadata", "resourceVersion"), main.Str("metadata", "resourceVersion"));
        Assert.Equal(200, statusStatus);
        Assert.Equal([("Ready", "True", "ContainersNotReady"), ("Initialized", "True", null)],
            status.Items("status", "conditions").Select(c => (c.Str("type"), c.Str("status"), c.Str("reason"))));
        Assert.Null(status.Str("metadata", "labels", "x"));
    }

    [Fact]
    public async Task A_replace_with_a_stale_resource_version_conflicts_and_with_the_current_one_succeeds()
    {
        var (_, daemonSet) = await fixture.Http.GetJsonAsync("/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node");
        var staleVersion = daemonSet.Str("metadata", "resourceVersion");
        daemonSet["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "amazon-k8s-cni:v1.19.3";

        var (status, replaced) = await fixture.Http.SendJsonAsync(HttpMethod.Put, "/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node", daemonSet.ToJsonString());
        var (conflictStatus, conflict) = await fixture.Http.SendJsonAsync(HttpMethod.Put, "/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node", daemonSet.ToJsonString());

        Assert.Equal(200, status);
        Assert.Equal(("amazon-k8s-cni:v1.19.3", 2L), (replaced.Str("spec", "template", "spec", "containers", "0", "image"), replaced.Int("metadata", "generation")));
        Assert.NotEqual(staleVersion, replaced.Str("metadata", "resourceVersion"));
        Assert.Equal((409, "Conflict"), (conflictStatus, conflict.Str("reason")));
        Assert.Equal(
            "Operation cannot be fulfilled on daemonsets.apps \"aws-node\": the object has been modified; please apply your changes to the latest version and try again",
            conflict.Str("message"));
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_replaces_replicas_with_a_resource_version_precondition()
    {
        var (_, scale) = await fixture.Http.GetJsonAsync($"{Deployments}/checkout/scale");
        var stale = scale.DeepClone();
        stale["metadata"]!["resourceVersion"] = "1";
        stale["spec"]!["replicas"] = 4;
        var current = scale.DeepClone();
        current["spec"]!["replicas"] = 4;

        var (staleStatus, _) = await fixture.Http.SendJsonAsync(HttpMethod.Put, $"{Deployments}/checkout/scale", stale.ToJsonString());
        var (status, replaced) = await fixture.Http.SendJsonAsync(HttpMethod.Put, $"{Deployments}/checkout/scale", current.ToJsonString());

        Assert.Equal(("Scale", "autoscaling/v1", "app=checkout", 3L), (scale.Str("kind"), scale.Str("apiVersion"), scale.Str("status", "selector"), scale.Int("status", "replicas")));
        Assert.Equal(409, staleStatus);
        Assert.Equal((200, 4L), (status, replaced.Int("spec", "replicas")));
        Assert.Equal(4, fixture.Cluster.Find("apps/v1", "Deployment", "shop", "checkout")!.Int("spec", "replicas"));
    }

    [Fact]
    public async Task Negative_replicas_and_requests_above_limits_are_invalid()
    {
        var (scaleStatus, scale) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, $"{Deployments}/checkout/scale", """{"spec":{"replicas":-1}}""", Merge);
        var (memoryStatus, memory) = await fixture.Http.SendJsonAsync(
            HttpMethod.Patch, $"{Deployments}/checkout", """{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"requests":{"memory":"1Gi"}}}]}}}}""", Strategic);

        Assert.Equal((422, "Scale.autoscaling \"checkout\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"), (scaleStatus, scale.Str("message")));
        Assert.Equal(422, memoryStatus);
        Assert.Equal(
            "Deployment.apps \"checkout\" is invalid: spec.template.spec.containers[0].resources.requests[memory]: Invalid value: \"1Gi\": must be less than or equal to memory limit of 512Mi",
            memory.Str("message"));
        Assert.Equal(("spec.template.spec.containers[0].resources.requests[memory]", "Deployment"), (memory.Str("details", "causes", "0", "field"), memory.Str("details", "kind")));
    }

    [Fact]
    public async Task A_dry_run_patch_answers_with_the_result_changes_nothing_and_is_recorded()
    {
        var before = fixture.Cluster.Find("v1", "ConfigMap", "shop", "checkout-config")!;

        var (status, patched) = await fixture.Http.SendJsonAsync(
            HttpMethod.Patch, "/api/v1/namespaces/shop/configmaps/checkout-config?dryRun=All", """{"data":{"PAYMENTS_TIMEOUT":"10s"}}""", Merge);
        var (badStatus, bad) = await fixture.Http.SendJsonAsync(
            HttpMethod.Patch, "/api/v1/namespaces/shop/configmaps/checkout-config?dryRun=Some", """{"data":{"PAYMENTS_TIMEOUT":"10s"}}""", Merge);

        Assert.Equal((200, "10s"), (status, patched.Str("data", "PAYMENTS_TIMEOUT")));
        Assert.True(JsonNode.DeepEquals(before, fixture.Cluster.Find("v1", "ConfigMap", "shop", "checkout-config")));
        var write = fixture.Server.Writes[^1];
        Assert.Equal((true, "5s", "10s"), (write.DryRun, write.Before!.Str("data", "PAYMENTS_TIMEOUT"), write.After!.Str("data", "PAYMENTS_TIMEOUT")));
        Assert.Equal((400, "dryRun: Unsupported value: \"Some\": supported values: \"All\""), (badStatus, bad.Str("message")));
    }

    [Fact]
    public async Task Strategic_merge_patches_of_custom_resources_and_apply_patches_are_unsupported_media_types()
    {
        var (customStatus, custom) = await fixture.Http.SendJsonAsync(
            HttpMethod.Patch, "/apis/elbv2.k8s.aws/v1beta1/namespaces/shop/targetgroupbindings/k8s-shop-checkout-3f2a1b0c9d", """{"spec":{"targetType":"instance"}}""", Strategic);
        var (applyStatus, apply) = await fixture.Http.SendJsonAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/kube-system/deployments/coredns", "spec: {}", "application/apply-patch+yaml");
        var (mergeStatus, merged) = await fixture.Http.SendJsonAsync(
            HttpMethod.Patch, "/apis/elbv2.k8s.aws/v1beta1/namespaces/shop/targetgroupbindings/k8s-shop-checkout-3f2a1b0c9d", """{"spec":{"targetType":"instance"}}""", Merge);

        Assert.Equal((415, "UnsupportedMediaType"), (customStatus, custom.Str("reason")));
        Assert.Equal(
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            custom.Str("message"));
        Assert.Equal(415, applyStatus);
        Assert.EndsWith("application/strategic-merge-patch+json", apply.Str("message"), StringComparison.Ordinal);
        Assert.Equal((200, "instance", 2L), (mergeStatus, merged.Str("spec", "targetType"), merged.Int("metadata", "generation")));
    }

    [Fact]
    public async Task Deleting_a_scheduled_pod_answers_with_its_graceful_deletion_stamp_and_removes_it()
    {
        var (status, deleted) = await fixture.Http.SendJsonAsync(HttpMethod.Delete, "/api/v1/namespaces/kube-system/pods/coredns-5b9dfbf96-abcde");
        var (afterStatus, _) = await fixture.Http.GetJsonAsync("/api/v1/namespaces/kube-system/pods/coredns-5b9dfbf96-abcde");

        Assert.Equal(200, status);
        Assert.Equal(("Pod", "2026-11-20T10:02:30Z", 30L), (deleted.Str("kind"), deleted.Str("metadata", "deletionTimestamp"), deleted.Int("metadata", "deletionGracePeriodSeconds")));
        Assert.Equal(404, afterStatus);
        var write = fixture.Server.Writes[^1];
        Assert.Equal(("DELETE", (JsonObject?)null), (write.Verb, write.After));
    }

    [Fact]
    public async Task An_eviction_a_disruption_budget_forbids_is_refused_with_429()
    {
        const string Eviction = """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"checkout-6d8f7b9c4-x2k9p","namespace":"shop"}}""";

        var (status, error) = await fixture.Http.SendJsonAsync(HttpMethod.Post, $"{Pods}/{SampleCluster.RunningPod}/eviction", Eviction);

        Assert.Equal((429, "TooManyRequests"), (status, error.Str("reason")));
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", error.Str("message"));
        Assert.Equal(("DisruptionBudget", "The disruption budget checkout needs 1 healthy pods and has 1 currently"),
            (error.Str("details", "causes", "0", "reason"), error.Str("details", "causes", "0", "message")));
        Assert.NotNull(fixture.Cluster.Find("v1", "Pod", "shop", SampleCluster.RunningPod));
    }

    [Fact]
    public async Task An_allowed_eviction_answers_201_success_and_removes_the_pod_but_a_dry_run_does_not()
    {
        const string DryRun = """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"aws-node-7x2lp"},"deleteOptions":{"dryRun":["All"]}}""";
        const string Eviction = """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"cart-7c9f6d5b8-lq4zt","namespace":"shop"}}""";

        var (dryStatus, _, _) = await fixture.Http.SendAsync(HttpMethod.Post, "/api/v1/namespaces/kube-system/pods/aws-node-7x2lp/eviction", DryRun);
        var (status, body, _) = await fixture.Http.SendAsync(HttpMethod.Post, $"{Pods}/{SampleCluster.CartPod}/eviction", Eviction);

        Assert.Equal(201, dryStatus);
        Assert.NotNull(fixture.Cluster.Find("v1", "Pod", "kube-system", "aws-node-7x2lp"));
        Assert.Equal(201, status);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}""" + "\n", body);
        Assert.Null(fixture.Cluster.Find("v1", "Pod", "shop", SampleCluster.CartPod));
        var write = fixture.Server.Writes[^1];
        Assert.Equal(("POST", "eviction", SampleCluster.CartPod), (write.Verb, write.Subresource, write.Name));
    }

    [Fact]
    public async Task Creating_an_object_stamps_its_identity_and_a_second_create_already_exists()
    {
        const string ConfigMap = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"runbook-notes"},"data":{"note":"raised memory"}}""";

        var (status, created) = await fixture.Http.SendJsonAsync(HttpMethod.Post, "/api/v1/namespaces/shop/configmaps", ConfigMap);
        var (againStatus, again) = await fixture.Http.SendJsonAsync(HttpMethod.Post, "/api/v1/namespaces/shop/configmaps", ConfigMap);

        Assert.Equal(201, status);
        Assert.Equal(("shop", "2026-11-20T10:02:00Z"), (created.Str("metadata", "namespace"), created.Str("metadata", "creationTimestamp")));
        Assert.NotNull(created.Str("metadata", "uid"));
        Assert.Equal((409, "AlreadyExists", "configmaps \"runbook-notes\" already exists"), (againStatus, again.Str("reason"), again.Str("message")));
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_reports_a_later_change()
    {
        var version = fixture.Cluster.ResourceVersion;
        using var response = await fixture.Http.GetAsync(
            $"/api/v1/namespaces/kube-system/configmaps?watch=1&resourceVersion={version}&timeoutSeconds=30",
            HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        var (createStatus, _) = await fixture.Http.SendJsonAsync(
            HttpMethod.Post, "/api/v1/namespaces/kube-system/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"watched"}}""");
        var line = JsonNode.Parse((await reader.ReadLineAsync(TestContext.Current.CancellationToken))!);

        Assert.Equal(201, createStatus);
        Assert.Equal(("ADDED", "ConfigMap", "watched"), (line.Str("type"), line.Str("object", "kind"), line.Str("object", "metadata", "name")));
    }
}
