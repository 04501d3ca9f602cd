using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Incidents;
using k8s;
using k8s.Models;

namespace EksOps.Tools.Readers.Tests.Eks;

/// <summary>
/// An <see cref="EksKubernetesClientFactory"/> wired to loopback EKS/STS (<see cref="FakeAws"/>) and a loopback API
/// server (<see cref="FakeKubernetesApiServer"/>) whose certificate a test-made cluster CA issued, on a manual clock.
/// </summary>
internal sealed class EksHarness : IAsyncDisposable
{
    public const string Region = "eu-west-1";
    public const string HomeAccessKeyId = "AKIDEKSOPSHOME01";
    public const string HomeSecret = "home-secret-key";
    public const string RoleArn = "arn:aws:iam::111122223333:role/eksops-reader";

    private EksHarness(ManualTimeProvider time, X509Certificate2 authority, FakeAws aws, FakeKubernetesApiServer apiServer, EksKubernetesClientFactory factory)
    {
        Time = time;
        Authority = authority;
        Aws = aws;
        ApiServer = apiServer;
        Factory = factory;
    }

    public ManualTimeProvider Time { get; }

    /// <summary>The cluster's CA, which EKS describes.</summary>
    public X509Certificate2 Authority { get; }

    public string AuthorityData => TestCertificates.AuthorityData(Authority);

    public FakeAws Aws { get; }

    public FakeKubernetesApiServer ApiServer { get; }

    public EksKubernetesClientFactory Factory { get; }

    /// <param name="clusterId">The cluster the API server's tokens must name.</param>
    /// <param name="servingCertificate">Makes the serving certificate from the cluster CA; by default one for 127.0.0.1.</param>
    /// <param name="stsOnLoopback">Sends AssumeRole to <see cref="FakeAws"/> (and so presigns tokens for it too).</param>
    public static async Task<EksHarness> StartAsync(string clusterId = "prod", Func<X509Certificate2, X509Certificate2>? servingCertificate = null, bool stsOnLoopback = false)
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var authority = TestCertificates.CreateAuthority("kubernetes");
        var aws = await FakeAws.StartAsync(time);
        var secrets = new Dictionary<string, string> { [HomeAccessKeyId] = HomeSecret };
        for (var n = 1; n <= 3; n++)
        {
            var (key, secret, _) = FakeAws.RoleCredentials(n);
            secrets[key] = secret;
        }

        var sts = stsOnLoopback ? aws.Endpoint : new Uri($"https://sts.{Region}.amazonaws.com/");
        var apiServer = await FakeKubernetesApiServer.StartAsync(
            servingCertificate?.Invoke(authority) ?? TestCertificates.IssueServer(authority), clusterId, sts, secrets, time);
        var factory = new EksKubernetesClientFactory(new EksKubernetesClientOptions
        {
            AwsOptions = _ =>
            {
                var options = new AwsClientOptions
                {
                    Credentials = new BasicAWSCredentials(HomeAccessKeyId, HomeSecret),
                    TimeProvider = time,
                    GetEnvironmentVariable = _ => null,
                };
                options.Endpoints["eks"] = aws.Endpoint;
                if (stsOnLoopback)
                {
                    options.Endpoints["sts"] = aws.Endpoint;
                }

                return options;
            },
        });
        return new EksHarness(time, authority, aws, apiServer, factory);
    }

    public static ClusterInfo Cluster(string name = "prod", string? roleArn = null, Uri? endpoint = null, string? certificateAuthorityData = null) => new()
    {
        Name = name,
        Region = Region,
        AccountId = "111122223333",
        Environment = ClusterEnvironment.Production,
        RoleArn = roleArn,
        Endpoint = endpoint,
        CertificateAuthorityData = certificateAuthorityData,
    };

    /// <summary>Makes EKS describe <paramref name="name"/> as ACTIVE behind the loopback API server with the cluster CA.</summary>
    public void DescribeAsServed(string name = "prod") => Aws.SetCluster(name, ApiServer.Endpoint, AuthorityData);

    public static Task<V1Pod> ReadPodAsync(IKubernetes client) =>
        client.CoreV1.ReadNamespacedPodAsync("checkout-7d4c", "shop", cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        await ApiServer.DisposeAsync();
        await Aws.DisposeAsync();
        Authority.Dispose();
    }
}
