using System.Text.Json.Nodes;

namespace EksOps.Simulation.Tests;

/// <summary>The real kubectl 1.32, unchanged, against the simulated server through a kubeconfig.</summary>
public sealed class KubectlTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Ns = SampleCluster.Namespace;

    [Fact]
    public async Task Get_pods_across_all_namespaces_lists_every_pod_with_server_side_columns()
    {
        var result = await fixture.Kubectl.RunAsync("get", "pods", "-A");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var rows = lines[1..].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(
            ["kube-system/aws-node-7x2lp", "kube-system/coredns-5b9dfbf96-abcde", "shop/cart-7c9f6d5b8-lq4zt", "shop/" + SampleCluster.CrashingPod, "shop/" + SampleCluster.PendingPod, "shop/" + SampleCluster.RunningPod],
            rows.Select(r => r[0] + "/" + r[1]));

        // Ready, status, restarts and age are computed as the API server computes them, against the cluster's clock.
        Assert.Equal("0/1 CrashLoopBackOff 5 (62s ago) 22m", string.Join(' ', rows.Single(r => r[1] == SampleCluster.CrashingPod)[2..]));
        Assert.Equal("2/2 Running 0 46h", string.Join(' ', rows.Single(r => r[1] == SampleCluster.CartPod)[2..]));
        Assert.Equal("0/1 Pending 0 4m", string.Join(' ', rows.Single(r => r[1] == SampleCluster.PendingPod)[2..]));
    }

    [Fact]
    public async Task Describe_pod_shows_the_events_recorded_for_it()
    {
        var result = await fixture.Kubectl.RunAsync("describe", "pod", "-n", Ns, SampleCluster.CrashingPod);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("CrashLoopBackOff", result.Output, StringComparison.Ordinal);
        var events = result.Output[result.Output.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Contains("Back-off restarting failed container app", events, StringComparison.Ordinal);
        Assert.Contains("Pulled", events, StringComparison.Ordinal);
        Assert.DoesNotContain("ScalingReplicaSet", events, StringComparison.Ordinal);

        // describe selects the events by the pod's name, namespace, kind and uid.
        var eventQuery = fixture.Server.Requests.Last(r => r.Path == $"/api/v1/namespaces/{Ns}/events").Query;
        Assert.Contains("involvedObject.uid%3D" + SampleCluster.CrashingPodUid, eventQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_pod_shows_scheduler_events_that_were_recorded_in_the_events_k8s_io_shape()
    {
        var result = await fixture.Kubectl.RunAsync("describe", "pod", "-n", Ns, SampleCluster.PendingPod);

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = result.Output[result.Output.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Contains("FailedScheduling", events, StringComparison.Ordinal);
        Assert.Contains("default-scheduler", events, StringComparison.Ordinal);
        Assert.Contains("(x4 over", events, StringComparison.Ordinal);
        Assert.Contains("0/2 nodes are available: 2 Insufficient cpu.", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_previous_prints_the_log_of_the_terminated_container()
    {
        var result = await fixture.Kubectl.RunAsync("logs", "-n", Ns, SampleCluster.CrashingPod, "--previous", "-c", "app");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(SampleCluster.PreviousLog, result.Output);
    }

    [Fact]
    public async Task Logs_of_a_named_container_of_a_multi_container_pod_prints_that_containers_log()
    {
        var result = await fixture.Kubectl.RunAsync("logs", "-n", Ns, SampleCluster.CartPod, "-c", "log-shipper");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("shipping to cloudwatch\n", result.Output);
    }

    [Fact]
    public async Task Logs_previous_of_a_container_that_never_terminated_fails_with_the_kubelets_message()
    {
        var result = await fixture.Kubectl.RunAsync("logs", "-n", Ns, SampleCluster.RunningPod, "--previous");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            $"Error from server (BadRequest): previous terminated container \"app\" in pod \"{SampleCluster.RunningPod}\" not found",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_events_with_a_field_selector_lists_only_the_events_of_that_object()
    {
        var result = await fixture.Kubectl.RunAsync("get", "events", "-n", Ns, "--field-selector", "involvedObject.name=" + SampleCluster.CrashingPod);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.StartsWith("LAST SEEN", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length - 1);
        Assert.All(lines[1..], line => Assert.Contains("pod/" + SampleCluster.CrashingPod, line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("BackOff", StringComparison.Ordinal) && line.StartsWith("50s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_a_custom_resource_by_its_plural_name_lists_the_target_group_binding()
    {
        var result = await fixture.Kubectl.RunAsync("get", "targetgroupbindings.elbv2.k8s.aws", "-n", Ns, "-o", "jsonpath={.items[*].spec.serviceRef.name}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("checkout", result.Output);
    }

    [Fact]
    public async Task Rollout_restart_adds_the_restartedAt_annotation_to_the_pod_template()
    {
        var generation = Deployment()!.Int("metadata", "generation");

        var result = await fixture.Kubectl.RunAsync("rollout", "restart", "deployment/" + SampleCluster.Deployment, "-n", Ns);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/checkout restarted\n", result.Output);
        var deployment = Deployment()!;
        Assert.NotNull(deployment.Str("spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"));
        Assert.Equal(generation + 1, deployment.Int("metadata", "generation"));
        var write = fixture.Server.Writes[^1];
        Assert.Equal(("PATCH", "application/strategic-merge-patch+json", false), (write.Verb, write.PatchType, write.DryRun));
    }

    [Fact]
    public async Task Scale_sets_the_deployments_replicas_through_the_scale_subresource()
    {
        var result = await fixture.Kubectl.RunAsync("scale", "deployment", SampleCluster.Deployment, "-n", Ns, "--replicas=5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/checkout scaled\n", result.Output);
        Assert.Equal(5, Deployment()!.Int("spec", "replicas"));
        var write = fixture.Server.Writes[^1];
        Assert.Equal(("scale", false, 5L), (write.Subresource, write.DryRun, write.After!.Int("spec", "replicas")));
    }

    [Fact]
    public async Task Scale_with_a_server_dry_run_changes_nothing_and_is_recorded_as_a_dry_run()
    {
        var before = Deployment()!;

        var result = await fixture.Kubectl.RunAsync("scale", "deployment", SampleCluster.Deployment, "-n", Ns, "--replicas=9", "--dry-run=server");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment.apps/checkout scaled (server dry run)\n", result.Output);
        Assert.True(JsonNode.DeepEquals(before, Deployment()));
        var write = fixture.Server.Writes[^1];
        Assert.True(write.DryRun);
        Assert.Equal(9, write.After!.Int("spec", "replicas"));
        Assert.Contains("dryRun=All", write.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rollout_restart_patch_with_a_server_dry_run_changes_nothing_and_is_recorded_as_a_dry_run()
    {
        // kubectl 1.32's "rollout restart" has no --dry-run flag; this is the patch it sends, as a runbook's dry run sends it.
        const string Restart = """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T10:02:00Z"}}}}}""";
        var before = Deployment()!;

        var result = await fixture.Kubectl.RunAsync("patch", "deployment", SampleCluster.Deployment, "-n", Ns, "--type=strategic", "-p", Restart, "--dry-run=server");

        Assert.True(result.ExitCode == 0, result.ToString());
        var write = fixture.Server.Writes[^1];
        Assert.True(write.DryRun, write.Query);
        Assert.True(JsonNode.DeepEquals(before, Deployment()));
        Assert.Equal("deployment.apps/checkout patched\n", result.Output);
        Assert.Equal("2026-11-20T10:02:00Z", write.After!.Str("spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"));
    }

    [Fact]
    public async Task Cordon_marks_the_node_unschedulable_and_get_nodes_shows_it()
    {
        const string Node = "ip-10-0-2-45.ap-northeast-2.compute.internal";

        var cordon = await fixture.Kubectl.RunAsync("cordon", Node);
        var nodes = await fixture.Kubectl.RunAsync("get", "nodes");

        Assert.True(cordon.ExitCode == 0, cordon.ToString());
        Assert.True(fixture.Cluster.Find("v1", "Node", null, Node)!.Bool("spec", "unschedulable"));
        var row = nodes.Output.Split('\n').Single(l => l.StartsWith(Node, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Ready,SchedulingDisabled", "<none>", "19d", "v1.32.9-eks-113cf36"], row[1..]);
    }

    [Fact]
    public async Task Get_hpa_shows_the_reference_targets_and_bounds()
    {
        var result = await fixture.Kubectl.RunAsync("get", "hpa", "-n", Ns);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["checkout", "Deployment/checkout", "cpu:", "<unknown>/70%", "2", "5", "3", "7d2h"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Rollout_status_of_a_settled_deployment_reports_it_rolled_out()
    {
        var result = await fixture.Kubectl.RunAsync("rollout", "status", "deployment/coredns", "-n", "kube-system", "--timeout=10s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deployment \"coredns\" successfully rolled out\n", result.Output);
    }

    [Fact]
    public async Task Auth_can_i_is_answered_yes_for_the_token()
    {
        var result = await fixture.Kubectl.RunAsync("auth", "can-i", "patch", "deployments", "-n", Ns);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("yes\n", result.Output);
    }

    [Fact]
    public async Task Api_resources_lists_built_in_and_custom_resources_from_aggregated_discovery()
    {
        var result = await fixture.Kubectl.RunAsync("api-resources", "--api-group=elbv2.k8s.aws");
        var requests = fixture.Server.Requests.Select(r => r.Path).ToList();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("targetgroupbindings", result.Output, StringComparison.Ordinal);
        Assert.Contains("elbv2.k8s.aws/v1beta1", result.Output, StringComparison.Ordinal);

        // Aggregated discovery answered /api and /apis, so kubectl never fell back to walking every group version.
        Assert.DoesNotContain("/apis/elbv2.k8s.aws/v1beta1", requests);
    }

    private JsonObject? Deployment() => fixture.Cluster.Find("apps/v1", "Deployment", Ns, SampleCluster.Deployment);
}
