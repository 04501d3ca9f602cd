using System.Text.Json.Nodes;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Simulation.Tests;

/// <summary>How a cluster is built from scenario objects: what it fills in, what it refuses.</summary>
public sealed class SimulatedClusterTests
{
    [Fact]
    public void Missing_identity_is_filled_deterministically_and_versions_continue_after_the_largest_given()
    {
        var first = SampleCluster.Create();
        var second = SampleCluster.Create();

        var replicaSet = first.Find("apps/v1", "ReplicaSet", "shop", "checkout-6d8f7b9c4")!;
        Assert.Equal(replicaSet.Str("metadata", "uid"), second.Find("apps/v1", "ReplicaSet", "shop", "checkout-6d8f7b9c4")!.Str("metadata", "uid"));
        Assert.Equal("81231", replicaSet.Str("metadata", "resourceVersion"));
        Assert.Equal("81230", first.Find("apps/v1", "Deployment", "shop", "checkout")!.Str("metadata", "resourceVersion"));
        Assert.Equal("2026-11-19T22:00:00Z", replicaSet.Str("metadata", "creationTimestamp"));
        Assert.Equal(1, replicaSet.Int("metadata", "generation"));
        Assert.Empty(first.Writes);
    }

    [Fact]
    public void Events_recorded_in_the_events_k8s_io_shape_are_stored_as_core_events_that_carry_the_pods_uid()
    {
        var cluster = SampleCluster.Create();

        var scheduling = cluster.Find("events.k8s.io/v1", "Event", "shop", "checkout-6d8f7b9c4-9zzkw.1879a1c0ffee0001")!;
        var pending = cluster.Find("v1", "Pod", "shop", SampleCluster.PendingPod)!;

        Assert.Equal(("v1", "FailedScheduling", "default-scheduler"), (scheduling.Str("apiVersion"), scheduling.Str("reason"), scheduling.Str("reportingComponent")));
        Assert.Equal(pending.Str("metadata", "uid"), scheduling.Str("involvedObject", "uid"));
        Assert.Equal(SampleCluster.DeploymentUid, cluster.Find("v1", "Event", "shop", "checkout.1879a0f1e2d3c4b5")!.Str("involvedObject", "uid"));
    }

    [Fact]
    public void Lists_are_expanded_and_namespaced_objects_without_a_namespace_go_to_default()
    {
        var podList = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"PodList","items":[{"metadata":{"name":"a"},"spec":{"containers":[{"name":"c"}]}}]}
            """)!.AsObject();

        var cluster = new SimulatedCluster([podList], [], SampleCluster.Now);

        var pod = cluster.Find("v1", "Pod", "default", "a")!;
        Assert.Equal(("Pod", "v1", "2026-11-20T10:02:00Z"), (pod.Str("kind"), pod.Str("apiVersion"), pod.Str("metadata", "creationTimestamp")));
        Assert.Equal(
            ["default", "kube-node-lease", "kube-public", "kube-system"],
            cluster.Objects.Where(o => o.Str("kind") == "Namespace").Select(o => o.Str("metadata", "name")));
    }

    [Fact]
    public void Two_objects_with_the_same_kind_namespace_and_name_are_refused()
    {
        var pod = JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"x"}}""")!.AsObject();

        var error = Assert.Throws<ArgumentException>(() => new SimulatedCluster([pod, pod.DeepClone().AsObject()], [], SampleCluster.Now));

        Assert.Contains("Pod x/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_without_a_name_is_refused_with_its_position()
    {
        var nameless = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"namespace":"x"}}""")!.AsObject();

        var error = Assert.Throws<ArgumentException>(() => new SimulatedCluster([nameless], [], SampleCluster.Now));

        Assert.Contains("Object 0 (ConfigMap) has no metadata.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_resource_definition_among_the_objects_names_and_scopes_its_resource()
    {
        var objects = JsonNode.Parse("""
            [
              {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgetfleets.example.com"},
               "spec":{"group":"example.com","scope":"Cluster",
                       "names":{"plural":"widgetfleets","singular":"widgetfleet","kind":"WidgetFleet","shortNames":["wf"],"categories":["all"]},
                       "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}}}]}},
              {"apiVersion":"example.com/v1","kind":"WidgetFleet","metadata":{"name":"blue"},"spec":{"size":3}}
            ]
            """)!.AsArray().Select(o => o!.AsObject()).ToList();
        await using var server = await KubernetesApiServer.StartAsync(new SimulatedCluster(objects, [], SampleCluster.Now), cancellationToken: TestContext.Current.CancellationToken);
        using var http = TestClients.Http(server, server.Token);

        var (_, list) = await http.GetJsonAsync("/apis/example.com/v1");
        var (status, fleet) = await http.GetJsonAsync("/apis/example.com/v1/widgetfleets/blue");

        var resource = list.Items("resources").Single(r => r.Str("name") == "widgetfleets");
        Assert.Equal((false, "wf"), (resource.Bool("namespaced"), resource.Str("shortNames", "0")));
        Assert.Contains(list.Items("resources"), r => r.Str("name") == "widgetfleets/status");
        Assert.Equal((200, 3L), (status, fleet.Int("spec", "size")));
    }

    [Fact]
    public async Task The_kubeconfig_names_the_server_its_ca_and_token()
    {
        await using var server = await KubernetesApiServer.StartAsync(
            SampleCluster.Create(), new KubernetesApiServerOptions { Token = "fixed-token", ClusterName = "prod-eks", DefaultNamespace = "shop" }, TestContext.Current.CancellationToken);

        var kubeconfig = server.CreateKubeconfig();

        Assert.Equal("fixed-token", server.Token);
        Assert.StartsWith("https://127.0.0.1:", server.Server, StringComparison.Ordinal);
        Assert.Contains($"server: \"{server.Server}\"", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("token: \"fixed-token\"", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("namespace: \"shop\"", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("current-context: \"prod-eks\"", kubeconfig, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(server.CaCertificatePem)), kubeconfig, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", server.CaCertificatePem, StringComparison.Ordinal);
    }
}
