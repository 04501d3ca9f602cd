namespace EksOps.Simulation.Tests;

/// <summary>kubectl commands that remove pods (<c>drain</c>, <c>delete</c>), on a server of their own so other classes see every pod.</summary>
public sealed class KubectlDisruptionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Node = "ip-10-0-2-45.ap-northeast-2.compute.internal";

    [Fact]
    public async Task Drain_cordons_the_node_and_evicts_its_pods_through_the_eviction_subresource()
    {
        var result = await fixture.Kubectl.RunAsync("drain", Node, "--ignore-daemonsets", "--force", "--timeout=30s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"node/{Node} drained", result.Output, StringComparison.Ordinal);
        Assert.True(fixture.Cluster.Find("v1", "Node", null, Node)!.Bool("spec", "unschedulable"));

        // The crash-looping pod is unhealthy, so its disruption budget lets it go; the DaemonSet pod stays.
        Assert.Null(fixture.Cluster.Find("v1", "Pod", SampleCluster.Namespace, SampleCluster.CrashingPod));
        Assert.NotNull(fixture.Cluster.Find("v1", "Pod", "kube-system", "aws-node-7x2lp"));
        var eviction = Assert.Single(fixture.Server.Writes, w => w.Subresource == "eviction");
        Assert.Equal((SampleCluster.CrashingPod, false), (eviction.Name, eviction.DryRun));
    }

    [Fact]
    public async Task Delete_pod_returns_once_the_pod_is_gone()
    {
        var result = await fixture.Kubectl.RunAsync("delete", "pod", "-n", SampleCluster.Namespace, SampleCluster.CartPod);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"pod \"{SampleCluster.CartPod}\" deleted\n", result.Output);
        Assert.Null(fixture.Cluster.Find("v1", "Pod", SampleCluster.Namespace, SampleCluster.CartPod));
        var delete = Assert.Single(fixture.Server.Writes, w => w.Verb == "DELETE");
        Assert.Equal((SampleCluster.CartPod, "Running"), (delete.Name, delete.Before!.Str("status", "phase")));
        Assert.Null(delete.After);
    }
}
