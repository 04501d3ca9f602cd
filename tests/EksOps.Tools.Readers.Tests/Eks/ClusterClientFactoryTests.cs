using Amazon.Runtime;
using EksOps.Aws;

namespace EksOps.Tools.Readers.Tests.Eks;

public sealed class ClusterClientFactoryTests
{
    private const string KubeconfigServer = "https://127.0.0.1:6443";

    private static string WriteKubeconfig()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("eksops-clients-").FullName, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: {KubeconfigServer}
                insecure-skip-tls-verify: true
            users:
            - name: local
              user:
                token: local-token
            contexts:
            - name: local
              context:
                cluster: local
                user: local
            current-context: local
            """);
        return path;
    }

    private static EksKubernetesClientOptions EksOptions(EksHarness harness) => new()
    {
        AwsOptions = _ =>
        {
            var options = new AwsClientOptions
            {
                Credentials = new BasicAWSCredentials(EksHarness.HomeAccessKeyId, EksHarness.HomeSecret),
                TimeProvider = harness.Time,
                GetEnvironmentVariable = _ => null,
            };
            options.Endpoints["eks"] = harness.Aws.Endpoint;
            return options;
        },
    };

    [Fact]
    public async Task A_cluster_naming_a_kubeconfig_goes_through_it_and_the_others_through_EKS()
    {
        await using var harness = await EksHarness.StartAsync();
        harness.DescribeAsServed();
        using var factory = new ClusterClientFactory(eksOptions: EksOptions(harness));

        var local = factory.GetClient(EksHarness.Cluster("local") with { Kubeconfig = WriteKubeconfig() });
        var eks = factory.GetClient(EksHarness.Cluster());
        var pod = await EksHarness.ReadPodAsync(eks);

        Assert.Equal(new Uri(KubeconfigServer).Authority, local.BaseUri.Authority);
        Assert.Equal(harness.ApiServer.Endpoint.Authority, eks.BaseUri.Authority);
        Assert.Equal("checkout-7d4c", pod.Metadata.Name);
        Assert.Equal(0, harness.Aws.DescribeCalls("local"));
        Assert.Equal(1, harness.Aws.DescribeCalls("prod"));
    }

    [Fact]
    public async Task The_fallback_kubeconfig_serves_clusters_without_an_endpoint_and_a_registry_endpoint_still_goes_through_EKS()
    {
        await using var harness = await EksHarness.StartAsync();
        using var factory = new ClusterClientFactory(WriteKubeconfig(), EksOptions(harness));

        var simulated = factory.GetClient(EksHarness.Cluster("simulated"));
        var pinned = factory.GetClient(EksHarness.Cluster(endpoint: harness.ApiServer.Endpoint, certificateAuthorityData: harness.AuthorityData));
        await EksHarness.ReadPodAsync(pinned);

        Assert.Equal(new Uri(KubeconfigServer).Authority, simulated.BaseUri.Authority);
        Assert.Equal(harness.ApiServer.Endpoint.Authority, pinned.BaseUri.Authority);
        Assert.Single(harness.ApiServer.AcceptedTokens);
        Assert.Empty(harness.Aws.Requests);
    }

    [Fact]
    public void FromEnvironment_takes_the_fallback_kubeconfig_from_EKSOPS_KUBECONFIG()
    {
        var kubeconfig = WriteKubeconfig();
        using var factory = ClusterClientFactory.FromEnvironment(name => name == ClusterClientFactory.KubeconfigVariable ? kubeconfig : null);

        var client = factory.GetClient(EksHarness.Cluster());

        Assert.Equal(new Uri(KubeconfigServer).Authority, client.BaseUri.Authority);
    }

    [Fact]
    public void A_kubeconfig_that_does_not_exist_is_still_cluster_unreachable()
    {
        using var factory = new ClusterClientFactory();

        var error = Assert.Throws<ToolException>(() => factory.GetClient(EksHarness.Cluster() with { Kubeconfig = "/nonexistent/kubeconfig" }));

        Assert.Equal("cluster_unreachable", error.Code);
        Assert.Equal("the kubeconfig for cluster prod does not exist", error.Message);
    }
}
