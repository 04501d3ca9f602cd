using System.Text.Json.Nodes;

namespace EksOps.Simulation.Tests;

/// <summary>Gets and lists over raw HTTP: list shapes, 404s, label and field selectors, paging, tables.</summary>
public sealed class ReadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Pods = "/api/v1/namespaces/shop/pods";

    [Fact]
    public async Task A_list_has_the_list_kind_api_version_and_resource_version_and_items_without_type_meta()
    {
        var (status, list) = await fixture.Http.GetJsonAsync("/apis/apps/v1/deployments");

        Assert.Equal(200, status);
        Assert.Equal(("DeploymentList", "apps/v1"), (list.Str("kind"), list.Str("apiVersion")));
        Assert.Equal(fixture.Cluster.ResourceVersion, list.Str("metadata", "resourceVersion"));
        Assert.Equal(["coredns", "checkout"], list.Names());
        Assert.All(list.Items("items"), item => Assert.Null(item.Str("kind")));
    }

    [Fact]
    public async Task A_get_returns_the_object_with_its_kind_and_generated_identity()
    {
        var (status, pod) = await fixture.Http.GetJsonAsync($"{Pods}/{SampleCluster.RunningPod}");

        Assert.Equal(200, status);
        Assert.Equal(("Pod", "v1"), (pod.Str("kind"), pod.Str("apiVersion")));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", pod.Str("metadata", "uid"));
        Assert.Matches("^[0-9]+$", pod.Str("metadata", "resourceVersion"));
    }

    [Fact]
    public async Task A_missing_pod_gets_the_not_found_status_a_real_server_sends()
    {
        var (status, body, _) = await fixture.Http.SendAsync(HttpMethod.Get, $"{Pods}/x");

        Assert.Equal(404, status);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}""" + "\n",
            body);
    }

    [Fact]
    public async Task A_missing_deployment_names_its_group_in_the_not_found_status()
    {
        var (status, error) = await fixture.Http.GetJsonAsync("/apis/apps/v1/namespaces/shop/deployments/payments");

        Assert.Equal(404, status);
        Assert.Equal("deployments.apps \"payments\" not found", error.Str("message"));
        Assert.Equal(("payments", "apps", "deployments"), (error.Str("details", "name"), error.Str("details", "group"), error.Str("details", "kind")));
    }

    [Theory]
    [InlineData("app=checkout", new[] { SampleCluster.CrashingPod, SampleCluster.PendingPod, SampleCluster.RunningPod })]
    [InlineData("app==cart", new[] { SampleCluster.CartPod })]
    [InlineData("app!=checkout", new[] { SampleCluster.CartPod })]
    [InlineData("app in (cart, checkout),pod-template-hash", new[] { SampleCluster.CrashingPod, SampleCluster.PendingPod, SampleCluster.RunningPod })]
    [InlineData("app notin (checkout)", new[] { SampleCluster.CartPod })]
    [InlineData("!pod-template-hash", new[] { SampleCluster.CartPod })]
    [InlineData("pod-template-hash,app=nothing", new string[0])]
    public async Task Label_selectors_select_pods_as_kubernetes_does(string selector, string[] expected)
    {
        var (status, list) = await fixture.Http.GetJsonAsync($"{Pods}?labelSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(200, status);
        Assert.Equal(expected, list.Names());
    }

    [Theory]
    [InlineData("/api/v1/pods", "spec.nodeName=ip-10-0-1-23.ap-northeast-2.compute.internal", new[] { "coredns-5b9dfbf96-abcde", SampleCluster.CartPod, SampleCluster.RunningPod })]
    [InlineData(Pods, "status.phase!=Running", new[] { SampleCluster.PendingPod })]
    [InlineData(Pods, "metadata.name==" + SampleCluster.CartPod, new[] { SampleCluster.CartPod })]
    [InlineData("/api/v1/pods", "metadata.namespace=kube-system,status.phase=Running", new[] { "aws-node-7x2lp", "coredns-5b9dfbf96-abcde" })]
    [InlineData("/api/v1/namespaces/shop/events", "involvedObject.kind=Deployment", new[] { "checkout.1879a0f1e2d3c4b5" })]
    [InlineData("/api/v1/namespaces/shop/events", "involvedObject.name=" + SampleCluster.CrashingPod + ",reason=BackOff", new[] { "checkout-6d8f7b9c4-7tqvz.1879a1b2c3d4e5f6" })]
    [InlineData("/api/v1/namespaces/shop/events", "involvedObject.uid=" + SampleCluster.CrashingPodUid + ",type!=Warning", new[] { "checkout-6d8f7b9c4-7tqvz.1879a1b2c3d4e5a0" })]
    [InlineData("/api/v1/namespaces/shop/events", "involvedObject.fieldPath=spec.containers{app},type=Warning", new[] { "checkout-6d8f7b9c4-7tqvz.1879a1b2c3d4e5f6" })]
    [InlineData("/api/v1/events", "involvedObject.namespace=shop,reason=FailedScheduling", new[] { "checkout-6d8f7b9c4-9zzkw.1879a1c0ffee0001" })]
    [InlineData("/apis/events.k8s.io/v1/namespaces/shop/events", "regarding.kind=Deployment", new[] { "checkout.1879a0f1e2d3c4b5" })]
    public async Task Field_selectors_select_on_the_fields_the_resource_supports(string path, string selector, string[] expected)
    {
        var (status, list) = await fixture.Http.GetJsonAsync($"{path}?fieldSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(200, status);
        Assert.Equal(expected, list.Names());
    }

    [Fact]
    public async Task A_field_selector_on_an_unsupported_field_is_refused_as_the_server_refuses_it()
    {
        var (status, error) = await fixture.Http.GetJsonAsync($"/apis/apps/v1/deployments?fieldSelector=spec.replicas%3D3");

        Assert.Equal(400, status);
        Assert.Equal(("Failure", "BadRequest", "field label not supported: spec.replicas"), (error.Str("status"), error.Str("reason"), error.Str("message")));
    }

    [Fact]
    public async Task A_malformed_label_selector_is_a_bad_request()
    {
        var (status, error) = await fixture.Http.GetJsonAsync($"{Pods}?labelSelector={Uri.EscapeDataString("app in cart")}");

        Assert.Equal(400, status);
        Assert.StartsWith("unable to parse requirement", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_with_limit_and_continue_returns_every_pod_once_in_key_order()
    {
        var (_, all) = await fixture.Http.GetJsonAsync("/api/v1/pods");
        var seen = new List<string?>();
        string? token = null;
        var pages = 0;
        do
        {
            var (status, page) = await fixture.Http.GetJsonAsync("/api/v1/pods?limit=4" + (token is null ? "" : "&continue=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, status);
            Assert.True(page.Items("items").Count <= 4);
            if (pages == 0)
            {
                Assert.Equal(all.Items("items").Count - 4, page.Int("metadata", "remainingItemCount"));
            }

            seen.AddRange(page.Names());
            token = page.Str("metadata", "continue");
            pages++;
        }
        while (token is not null);

        Assert.Equal(2, pages);
        Assert.Equal(all.Names(), seen);
        Assert.Equal(6, seen.Count);
    }

    [Fact]
    public async Task A_continue_token_the_server_did_not_issue_is_a_bad_request()
    {
        var (status, error) = await fixture.Http.GetJsonAsync("/api/v1/pods?limit=1&continue=bm90LWEtdG9rZW4");

        Assert.Equal(400, status);
        Assert.StartsWith("continue key is not valid", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespaces_are_derived_from_the_objects_and_the_system_namespaces()
    {
        var (_, list) = await fixture.Http.GetJsonAsync("/api/v1/namespaces");

        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system", "shop"], list.Names());
        Assert.All(list.Items("items"), ns => Assert.Equal("Active", ns.Str("status", "phase")));
    }

    [Fact]
    public async Task Events_are_served_in_both_shapes_from_one_store()
    {
        var (_, core) = await fixture.Http.GetJsonAsync($"/api/v1/namespaces/shop/events/{Uri.EscapeDataString("checkout-6d8f7b9c4-9zzkw.1879a1c0ffee0001")}");
        var (_, events) = await fixture.Http.GetJsonAsync($"/apis/events.k8s.io/v1/namespaces/shop/events/{Uri.EscapeDataString("checkout-6d8f7b9c4-7tqvz.1879a1b2c3d4e5f6")}");

        Assert.Equal(("v1", "Pod", SampleCluster.PendingPod), (core.Str("apiVersion"), core.Str("involvedObject", "kind"), core.Str("involvedObject", "name")));
        Assert.Equal(("default-scheduler", 4L), (core.Str("reportingComponent"), core.Int("series", "count")));
        Assert.StartsWith("0/2 nodes are available", core.Str("message"), StringComparison.Ordinal);
        Assert.Equal(("events.k8s.io/v1", SampleCluster.CrashingPodUid, 23L), (events.Str("apiVersion"), events.Str("regarding", "uid"), events.Int("deprecatedCount")));
        Assert.Equal("kubelet", events.Str("deprecatedSource", "component"));
        Assert.StartsWith("Back-off restarting", events.Str("note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_request_gets_the_pod_columns_with_ages_on_the_cluster_clock()
    {
        var (status, table) = await fixture.Http.GetJsonAsync($"{Pods}/{SampleCluster.CrashingPod}", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        Assert.Equal(200, status);
        Assert.Equal(("Table", "meta.k8s.io/v1"), (table.Str("kind"), table.Str("apiVersion")));
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], table.Items("columnDefinitions").Select(c => c.Str("name")));
        var row = Assert.Single(table.Items("rows"));
        Assert.Equal(
            [SampleCluster.CrashingPod, "0/1", "CrashLoopBackOff", "5 (62s ago)", "22m", "10.0.2.88", "ip-10-0-2-45.ap-northeast-2.compute.internal", "<none>", "<none>"],
            row.Strings("cells"));
        Assert.Equal(("PartialObjectMetadata", "shop"), (row.Str("object", "kind"), row.Str("object", "metadata", "namespace")));
    }

    [Fact]
    public async Task A_custom_resource_is_listed_with_its_type_meta_on_each_item()
    {
        var (status, list) = await fixture.Http.GetJsonAsync("/apis/elbv2.k8s.aws/v1beta1/namespaces/shop/targetgroupbindings");

        Assert.Equal(200, status);
        Assert.Equal(("TargetGroupBindingList", "elbv2.k8s.aws/v1beta1"), (list.Str("kind"), list.Str("apiVersion")));
        var binding = Assert.Single(list.Items("items"));
        Assert.Equal(("TargetGroupBinding", "ip", 1L), (binding.Str("kind"), binding.Str("spec", "targetType"), binding.Int("metadata", "generation")));
    }

    [Fact]
    public async Task A_watch_streams_the_current_objects_and_ends_at_its_timeout()
    {
        using var response = await fixture.Http.GetAsync(
            "/api/v1/namespaces/kube-system/pods?watch=true&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n');

        var events = lines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(events, e => Assert.Equal(("ADDED", "Pod"), (e.Str("type"), e.Str("object", "kind"))));
        Assert.Equal(["aws-node-7x2lp", "coredns-5b9dfbf96-abcde"], events.Select(e => e.Str("object", "metadata", "name")));
    }
}
