using System.Net;
using EksOps.Aws.Eks;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.Eks;

public sealed class EksClientTests
{
    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIC5zCCAc+gAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\n-----END CERTIFICATE-----\n";

    private static readonly string Cluster = """
        {"cluster":{"name":"prod","arn":"arn:aws:eks:us-east-1:123456789012:cluster/prod","createdAt":1.7352E9,"version":"1.32",
         "endpoint":"https://ABC123.gr7.us-east-1.eks.amazonaws.com","roleArn":"arn:aws:iam::123456789012:role/eks",
         "resourcesVpcConfig":{"subnetIds":["subnet-1"],"endpointPublicAccess":true},
         "identity":{"oidc":{"issuer":"https://oidc.eks.us-east-1.amazonaws.com/id/ABC123"}},
         "status":"ACTIVE","certificateAuthority":{"data":"__CA__"},
         "platformVersion":"eks.7","tags":{"team":"sre"},"accessConfig":{"authenticationMode":"API_AND_CONFIG_MAP"}}}
        """.Replace("__CA__", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Pem)), StringComparison.Ordinal);

    [Fact]
    public async Task DescribeCluster_is_a_signed_GET_of_the_cluster_path_and_reads_endpoint_ca_status_version_and_arn()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json(Cluster));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var cluster = await new EksClient(pipeline).DescribeClusterAsync("prod", TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/clusters/prod", request.PathAndQuery);
        Assert.Empty(request.Body);
        Assert.Null(request.Target);
        Assert.Contains("/us-east-1/eks/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("prod", cluster.Name);
        Assert.Equal("arn:aws:eks:us-east-1:123456789012:cluster/prod", cluster.Arn);
        Assert.Equal(new Uri("https://ABC123.gr7.us-east-1.eks.amazonaws.com"), cluster.Endpoint);
        Assert.Equal(EksClusterStatus.Active, cluster.Status);
        Assert.Equal("ACTIVE", cluster.StatusText);
        Assert.Equal("1.32", cluster.Version);
        Assert.Equal("eks.7", cluster.PlatformVersion);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_735_200_000), cluster.CreatedAt);
        Assert.Equal("https://oidc.eks.us-east-1.amazonaws.com/id/ABC123", cluster.OidcIssuer);
        Assert.Equal("sre", cluster.Tags["team"]);
        Assert.Equal(Pem, cluster.CertificateAuthorityPem());
        Assert.Null(cluster.Id);
        Assert.Equal("prod", cluster.TokenClusterId);
    }

    [Fact]
    public async Task A_cluster_that_is_still_creating_has_no_endpoint_or_certificate_yet()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"cluster":{"name":"new","status":"CREATING","certificateAuthority":{}}}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var cluster = await new EksClient(pipeline).DescribeClusterAsync("new", TestContext.Current.CancellationToken);

        Assert.Equal(EksClusterStatus.Creating, cluster.Status);
        Assert.Null(cluster.Endpoint);
        Assert.Null(cluster.CertificateAuthorityData);
        Assert.Empty(cluster.Tags);
        Assert.Throws<InvalidOperationException>(cluster.CertificateAuthorityPem);
    }

    [Fact]
    public async Task A_missing_cluster_is_ResourceNotFoundException_from_the_REST_JSON_error_header()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Error(
            404,
            """{"clusterName":"nope","message":"No cluster found for name: nope."}""",
            ("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/"),
            ("x-amzn-RequestId", "req-404")));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new EksClient(pipeline).DescribeClusterAsync("nope", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("No cluster found for name: nope.", error.ErrorMessage);
        Assert.Equal("req-404", error.RequestId);
        Assert.Equal("eks", error.Service);
        Assert.Equal("DescribeCluster", error.Operation);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_cluster_name_is_escaped_in_the_path()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"cluster":{"name":"a b"}}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new EksClient(pipeline).DescribeClusterAsync("a b", TestContext.Current.CancellationToken);

        Assert.Equal("/clusters/a%20b", server.Requests[0].PathAndQuery);
    }

    [Theory]
    [InlineData("PENDING", EksClusterStatus.Pending)]
    [InlineData("UPDATING", EksClusterStatus.Updating)]
    [InlineData("DELETING", EksClusterStatus.Deleting)]
    [InlineData("FAILED", EksClusterStatus.Failed)]
    [InlineData("NEW_STATE", EksClusterStatus.Unknown)]
    public void Cluster_statuses_map_to_the_enum(string text, EksClusterStatus status) =>
        Assert.Equal(status, EksClient.ParseStatus(text));
}
