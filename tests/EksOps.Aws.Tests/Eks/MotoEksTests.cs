using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using EksOps.Aws.Eks;
using EksOps.Aws.Http;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.Eks;

[Collection(MotoGroup.Name)]
public sealed class MotoEksTests(IntegratedMotoServer moto)
{
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static bool _created;

    private async Task CreateClusterAsync()
    {
        await SeedGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_created)
            {
                await moto.AwsCliAsync("eks", "create-cluster", "--name", "eksops-prod", "--kubernetes-version", "1.32",
                    "--role-arn", "arn:aws:iam::123456789012:role/eks-cluster", "--resources-vpc-config", "subnetIds=subnet-0a1b2c3d,subnet-4e5f6a7b");
                _created = true;
            }
        }
        finally
        {
            SeedGate.Release();
        }
    }

    /// <summary>The moto user's key, signing for the real regional STS endpoint (what a token must name).</summary>
    private AwsHttpPipeline RealStsPipeline() => new(new AwsClientOptions
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials(moto.AccessKeyId, moto.SecretAccessKey),
        GetEnvironmentVariable = _ => null,
    });

    [Fact]
    public async Task DescribeCluster_reads_a_cluster_made_with_the_aws_cli()
    {
        moto.RequireAwsCli();
        await CreateClusterAsync();
        using var pipeline = moto.Pipeline();

        var cluster = await new EksClient(pipeline).DescribeClusterAsync("eksops-prod", TestContext.Current.CancellationToken);

        Assert.Equal("eksops-prod", cluster.Name);
        Assert.Equal("arn:aws:eks:us-east-1:123456789012:cluster/eksops-prod", cluster.Arn);
        Assert.Equal("1.32", cluster.Version);
        Assert.Equal(EksClusterStatus.Active, cluster.Status);
        Assert.Equal("https", cluster.Endpoint?.Scheme);
        Assert.Equal("arn:aws:iam::123456789012:role/eks-cluster", cluster.RoleArn);
        Assert.NotNull(cluster.CreatedAt);
        Assert.False(string.IsNullOrEmpty(cluster.CertificateAuthorityData));
        Convert.FromBase64String(cluster.CertificateAuthorityData!);
    }

    [Fact]
    public async Task DescribeCluster_of_an_unknown_cluster_is_ResourceNotFoundException()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new EksClient(pipeline).DescribeClusterAsync("nope", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_a_signature_error()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(secret: "not-the-secret-moto-issued");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new EksClient(pipeline).DescribeClusterAsync("eksops-prod", TestContext.Current.CancellationToken));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Our_token_has_the_layout_of_aws_eks_get_token_and_both_verify_independently()
    {
        moto.RequireAwsCli();
        using var pipeline = RealStsPipeline();

        var ours = EksTokenVerifier.Decode((await new EksTokenProvider(pipeline).GetTokenAsync("eksops-prod", TestContext.Current.CancellationToken)).Value);
        var cliOutput = JsonDocument.Parse(await moto.AwsCliAsync("eks", "get-token", "--cluster-name", "eksops-prod")).RootElement;
        var theirs = EksTokenVerifier.Decode(cliOutput.GetProperty("status").GetProperty("token").GetString()!);

        Assert.Equal(theirs.Query.Select(p => p.Key), ours.Query.Select(p => p.Key));
        foreach (var name in new[] { "Action", "Version", "X-Amz-Algorithm", "X-Amz-Expires", "X-Amz-SignedHeaders" })
        {
            Assert.Equal(theirs[name], ours[name]);
        }

        // Same key, region, service and terminator; the dates may differ if the two were signed either side of midnight.
        Assert.Equal(theirs["X-Amz-Credential"].Split('/').Where((_, i) => i != 1), ours["X-Amz-Credential"].Split('/').Where((_, i) => i != 1));
        Assert.Equal(moto.AccessKeyId, ours["X-Amz-Credential"].Split('/')[0]);
        Assert.Equal(theirs.Url.Authority, ours.Url.Authority);
        ours.AssertSignedFor(moto.SecretAccessKey, "eksops-prod");
        theirs.AssertSignedFor(moto.SecretAccessKey, "eksops-prod");
        ours.AssertAcceptableToAuthenticator(DateTimeOffset.UtcNow);
        theirs.AssertAcceptableToAuthenticator(DateTimeOffset.UtcNow);
    }
}
