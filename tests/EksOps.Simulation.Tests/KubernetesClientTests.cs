using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Autorest;
using k8s.Models;

// Inside EksOps.Simulation.*, "Kubernetes" names the simulator's namespace; the client class needs an alias.
using KubernetesClient = k8s.Kubernetes;

namespace EksOps.Simulation.Tests;

/// <summary>The official .NET client (KubernetesClient 21), configured as production code configures it, against the simulated server.</summary>
public sealed class KubernetesClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Ns = SampleCluster.Namespace;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_client_lists_pods_and_reads_the_previous_log_of_a_crashing_container()
    {
        using var client = Client(fixture.Server.Token, fixture.Server.CaCertificate);

        var pods = await client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Cancel);
        await using var log = await client.CoreV1.ReadNamespacedPodLogAsync(SampleCluster.CrashingPod, Ns, container: "app", previous: true, cancellationToken: Cancel);
        using var reader = new StreamReader(log);

        Assert.Equal(
            [SampleCluster.CartPod, SampleCluster.CrashingPod, SampleCluster.PendingPod, SampleCluster.RunningPod],
            pods.Items.Select(p => p.Metadata.Name));
        var crashing = pods.Items.Single(p => p.Metadata.Name == SampleCluster.CrashingPod);
        Assert.Equal("CrashLoopBackOff", crashing.Status.ContainerStatuses[0].State.Waiting.Reason);
        Assert.Equal(2, crashing.Status.ContainerStatuses[0].LastState.Terminated.ExitCode);
        Assert.Equal(SampleCluster.PreviousLog, await reader.ReadToEndAsync(Cancel));
    }

    [Fact]
    public async Task The_client_configured_from_the_written_kubeconfig_reads_the_deployment()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.KubeconfigPath);
        using var client = new KubernetesClient(configuration);

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(SampleCluster.Deployment, Ns, cancellationToken: Cancel);

        Assert.Equal(SampleCluster.DeploymentUid, deployment.Metadata.Uid);
        Assert.Equal("app", deployment.Spec.Template.Spec.Containers.Single().Name);
    }

    [Fact]
    public async Task The_client_reads_core_and_events_k8s_io_events_with_field_selectors()
    {
        using var client = Client(fixture.Server.Token, fixture.Server.CaCertificate);

        var core = await client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=" + SampleCluster.PendingPod + ",type=Warning", cancellationToken: Cancel);
        var events = await client.EventsV1.ListNamespacedEventAsync(Ns, fieldSelector: "regarding.name=" + SampleCluster.CrashingPod, cancellationToken: Cancel);

        var scheduling = Assert.Single(core.Items);
        Assert.Equal(("FailedScheduling", "default-scheduler", 4), (scheduling.Reason, scheduling.ReportingComponent, scheduling.Series.Count));
        Assert.Equal(["Pulled", "BackOff"], events.Items.Select(e => e.Reason));
        Assert.All(events.Items, e => Assert.Equal(SampleCluster.CrashingPodUid, e.Regarding.Uid));
        Assert.Equal(23, events.Items.Single(e => e.Reason == "BackOff").DeprecatedCount);
    }

    [Fact]
    public async Task The_client_patches_a_deployment_and_scales_it()
    {
        using var client = Client(fixture.Server.Token, fixture.Server.CaCertificate);
        var patch = new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"768Mi"}}}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch);

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(patch, SampleCluster.Deployment, Ns, cancellationToken: Cancel);
        var scale = await client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), SampleCluster.Deployment, Ns, cancellationToken: Cancel);

        var container = patched.Spec.Template.Spec.Containers.Single();
        Assert.Equal("768Mi", container.Resources.Limits["memory"].ToString());
        Assert.Equal("256Mi", container.Resources.Requests["memory"].ToString());
        Assert.Equal(["LOG_LEVEL", "PAYMENTS_URL"], container.Env.Select(e => e.Name));
        Assert.Equal(4, scale.Spec.Replicas);
        Assert.Equal("app=checkout", scale.Status.Selector);
        Assert.Equal(4, fixture.Cluster.Find("apps/v1", "Deployment", Ns, SampleCluster.Deployment)!.Int("spec", "replicas"));
    }

    [Fact]
    public async Task The_client_with_a_wrong_token_gets_401()
    {
        using var client = Client("not-the-token", fixture.Server.CaCertificate);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Cancel));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"Unauthorized\"", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_that_trusts_a_different_CA_fails_the_TLS_handshake()
    {
        using var otherCa = SelfSignedCa();
        using var client = Client(fixture.Server.Token, otherCa);
        var requestsBefore = fixture.Server.Requests.Count;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: Cancel));

        Assert.IsType<AuthenticationException>(error.InnerException);
        // The handshake failed, so no HTTP request reached the server (tests of one class run one at a time).
        Assert.Equal(requestsBefore, fixture.Server.Requests.Count);
    }

    private KubernetesClient Client(string token, X509Certificate2 ca) => new(new KubernetesClientConfiguration
    {
        Host = fixture.Server.Server,
        AccessToken = token,
        SslCaCerts = [ca],
    });

    private static X509Certificate2 SelfSignedCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=some other CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadCertificate(ca.RawData);
    }
}
