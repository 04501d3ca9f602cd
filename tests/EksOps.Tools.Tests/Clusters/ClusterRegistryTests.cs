using EksOps.Incidents;

namespace EksOps.Tools.Tests;

public sealed class ClusterRegistryTests
{
    private const string Valid = """
        {"defaultCluster": "prod-eks", "clusters": [
          {"name": "prod-eks", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production",
           "roleArn": "arn:aws:iam::123456789012:role/eksops-tools", "allowedNamespaces": ["shop", "payments-*"], "deniedNamespaces": ["kube-system"]},
          {"name": "local", "region": "us-east-1", "accountId": "000000000000", "environment": "development",
           "endpoint": "https://127.0.0.1:6443", "certificateAuthorityData": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="},
          {"name": "kind_dev", "region": "eu-central-1", "accountId": "111122223333", "environment": "staging", "kubeconfig": "/tmp/kubeconfig"}]}
        """;

    [Fact]
    public void A_valid_registry_is_read_in_full()
    {
        var registry = ClusterRegistry.Parse(Valid);

        Assert.Equal(["prod-eks", "local", "kind_dev"], registry.Clusters.Select(c => c.Name));
        Assert.True(registry.TryGet("prod-eks", out var prod));
        Assert.Equal(ClusterEnvironment.Production, prod.Environment);
        Assert.Equal("arn:aws:iam::123456789012:role/eksops-tools", prod.RoleArn);
        Assert.Equal(["shop", "payments-*"], prod.AllowedNamespaces);
        Assert.Equal(["kube-system"], prod.DeniedNamespaces);
        Assert.Equal(new Uri("https://127.0.0.1:6443"), registry.Clusters[1].Endpoint);
        Assert.Equal("/tmp/kubeconfig", registry.Clusters[2].Kubeconfig);
        Assert.Same(prod, registry.DefaultCluster);
    }

    [Fact]
    public void A_call_without_a_cluster_goes_to_the_default_or_the_only_cluster()
    {
        Assert.True(ClusterRegistry.Parse(Valid).TryResolve(null, out var cluster));
        Assert.Equal("prod-eks", cluster.Name);

        var single = ClusterRegistry.Create([Fixtures.Staging]);
        Assert.True(single.TryResolve(null, out var only));
        Assert.Equal("stage-eks", only.Name);

        Assert.False(ClusterRegistry.Create([Fixtures.Staging, Fixtures.Development]).TryResolve(null, out _));
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { """[]""", "$: expected an object" },
        { """{"clusters": []}""", "$.clusters: expected a non-empty array" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production"}], "color": 1}""", "$.color: unknown key" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "env": "x"}]}""", "$.clusters[0].env: unknown key; expected one of name, region" },
        { """{"clusters": [{"region": "ap-northeast-2", "accountId": "123456789012", "environment": "production"}]}""", "$.clusters[0].name: required but missing" },
        { """{"clusters": [{"name": "-bad", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production"}]}""", "$.clusters[0].name: expected an EKS cluster name" },
        { """{"clusters": [{"name": "a", "region": "Seoul", "accountId": "123456789012", "environment": "production"}]}""", "$.clusters[0].region: expected an AWS Region such as ap-northeast-2 but found \"Seoul\"" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": 123456789012, "environment": "production"}]}""", "$.clusters[0].accountId: expected a non-empty string but found the number 123456789012" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "12345", "environment": "production"}]}""", "$.clusters[0].accountId: expected a 12-digit account id" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "prod"}]}""", "$.clusters[0].environment: expected one of production, staging, development but found \"prod\"" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "roleArn": "eksops-role"}]}""", "$.clusters[0].roleArn: expected an IAM role ARN" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "allowedNamespaces": ["Shop"]}]}""", "$.clusters[0].allowedNamespaces[0]: expected a namespace name" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "deniedNamespaces": "kube-system"}]}""", "$.clusters[0].deniedNamespaces: expected an array" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "endpoint": "http://10.0.0.1:6443"}]}""", "$.clusters[0].endpoint: expected an https URL (http only on loopback)" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "certificateAuthorityData": "bm90IGEgY2VydA=="}]}""", "$.clusters[0].certificateAuthorityData: only applies with an endpoint" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "endpoint": "https://h", "certificateAuthorityData": "bm90IGEgY2VydA=="}]}""", "expected base64 of a PEM certificate" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production", "endpoint": "https://h", "kubeconfig": "/k"}]}""", "$.clusters[0].kubeconfig: expected a file path, and not together with an endpoint" },
        { """{"clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production"}, {"name": "a", "region": "eu-west-1", "accountId": "123456789012", "environment": "staging"}]}""", "clusters: the name a is used twice" },
        { """{"defaultCluster": "b", "clusters": [{"name": "a", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production"}]}""", "defaultCluster: b is not one of the clusters (a)" },
        { """{"clusters": [{"name": "a", "name": "b", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production"}]}""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_registries_are_refused_with_the_path_and_the_expectation(string json, string expected)
    {
        var e = Assert.Throws<ClusterRegistryException>(() => ClusterRegistry.Parse(json));

        Assert.Contains(e.Errors, error => error.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var e = Assert.Throws<ClusterRegistryException>(() => ClusterRegistry.Parse("""
            {"clusters": [{"name": "a", "region": "x", "accountId": "1", "environment": "y"}, {"name": "b"}]}
            """));

        Assert.Equal(
            ["$.clusters[0].region", "$.clusters[0].accountId", "$.clusters[0].environment", "$.clusters[1].region", "$.clusters[1].accountId", "$.clusters[1].environment"],
            e.Errors.Select(error => error[..error.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void The_environment_holds_the_json_or_a_path_to_it_but_not_both()
    {
        string file = Path.Combine(Path.GetTempPath(), $"eksops-clusters-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, Valid);
        try
        {
            Assert.Equal(3, ClusterRegistry.FromEnvironment(n => n == ClusterRegistry.ClustersVariable ? Valid : null).Clusters.Count);
            Assert.Equal(3, ClusterRegistry.FromEnvironment(n => n == ClusterRegistry.ClustersFileVariable ? file : null).Clusters.Count);
            Assert.Throws<ClusterRegistryException>(() => ClusterRegistry.FromEnvironment(n => n == ClusterRegistry.ClustersVariable ? Valid : file));
            Assert.Throws<ClusterRegistryException>(() => ClusterRegistry.FromEnvironment(_ => null));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var e = Assert.Throws<ClusterRegistryException>(() => ClusterRegistry.Load("/nonexistent/clusters.json"));

        Assert.StartsWith("/nonexistent/clusters.json: cannot read the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clusters_built_in_code_are_checked_with_the_same_rules()
    {
        var e = Assert.Throws<ClusterRegistryException>(() => ClusterRegistry.Create([Fixtures.Production with { Region = "nowhere", AllowedNamespaces = ["Bad"] }]));

        Assert.Contains(e.Errors, error => error.StartsWith("clusters[0].region", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.StartsWith("clusters[0].allowedNamespaces[0]", StringComparison.Ordinal));
    }
}
