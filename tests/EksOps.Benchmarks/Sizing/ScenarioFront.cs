using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EksOps.Local;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// The stable Kubernetes API and CloudWatch endpoints the warm function processes are configured with: a TLS front
/// with its own CA (in the kubeconfig every cluster of the registry names) and a plain HTTP front for CloudWatch and
/// CloudWatch Logs, both forwarding to the scenario served at the moment. The Kubernetes front presents the served
/// API server's bearer token upstream, since each served scenario has its own.
/// </summary>
internal sealed class ScenarioFront : IAsyncDisposable
{
    private readonly LoopbackForwarder _kubernetes;
    private readonly LoopbackForwarder _cloudWatch;

    private ScenarioFront(LoopbackForwarder kubernetes, LoopbackForwarder cloudWatch, string kubeconfigPath)
    {
        _kubernetes = kubernetes;
        _cloudWatch = cloudWatch;
        KubeconfigPath = kubeconfigPath;
    }

    /// <summary>The kubeconfig that reaches the Kubernetes front.</summary>
    public string KubeconfigPath { get; }

    /// <summary>The CloudWatch and CloudWatch Logs front (<c>EKSOPS_ENDPOINT_MONITORING</c>, <c>EKSOPS_ENDPOINT_LOGS</c>).</summary>
    public Uri CloudWatchEndpoint => _cloudWatch.Address;

    /// <summary>Starts both fronts and writes the kubeconfig into <paramref name="folder"/>.</summary>
    public static async Task<ScenarioFront> StartAsync(string folder)
    {
        var (caPem, serving) = CreateCertificates();
        var kubernetes = await LoopbackForwarder.StartAsync(serving);
        var cloudWatch = await LoopbackForwarder.StartAsync();
        var kubeconfig = Path.Combine(folder, "front-kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, Kubeconfig(kubernetes.Address, caPem));
        return new ScenarioFront(kubernetes, cloudWatch, kubeconfig);
    }

    /// <summary>From now on both fronts forward to <paramref name="served"/>.</summary>
    public void PointAt(LocalScenario served)
    {
        var cluster = served.Environment.Kubernetes;
        _kubernetes.PointAt(new Uri(cluster.Server), cluster.Token, cluster.CaCertificate);
        _cloudWatch.PointAt(served.Environment.CloudWatch.Endpoint);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _kubernetes.DisposeAsync();
        await _cloudWatch.DisposeAsync();
    }

    private static string Kubeconfig(Uri server, string caPem) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: "eksops-sizing"
          cluster:
            server: "{server.GetLeftPart(UriPartial.Authority)}"
            certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))}
        users:
        - name: "eksops-sizing-user"
          user:
            token: "replaced-by-the-front"
        contexts:
        - name: "eksops-sizing"
          context:
            cluster: "eksops-sizing"
            user: "eksops-sizing-user"
        current-context: "eksops-sizing"
        """;

    /// <summary>A throwaway CA (PEM) and a serving certificate it signs for 127.0.0.1, both ECDSA P-256.</summary>
    private static (string CaPem, X509Certificate2 Serving) CreateCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=eksops-sizing-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=eksops-sizing-front", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(ca, now.AddDays(-1), now.AddDays(29), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives the key a form every TLS backend accepts.
        return (ca.ExportCertificatePem(), X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }
}
