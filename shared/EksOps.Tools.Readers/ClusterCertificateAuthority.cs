using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EksOps.Tools.Readers;

/// <summary>
/// The certificate authority of one cluster, and the only one its API server's certificate may chain to.
/// </summary>
/// <remarks>
/// Installed as the client's own validation callback rather than through <c>KubernetesClientConfiguration.SslCaCerts</c>:
/// KubernetesClient's callback for <c>SslCaCerts</c> (<c>Kubernetes.CertificateValidationCallBack</c>) also accepts any
/// certificate the system store trusts, and when the chain needs the custom CA it judges the chain, not the host name.
/// </remarks>
internal sealed class ClusterCertificateAuthority
{
    private readonly X509Certificate2Collection _roots;

    private ClusterCertificateAuthority(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>Reads kubeconfig's / EKS's <c>certificate-authority-data</c>: base64 of one or more PEM certificates.</summary>
    /// <exception cref="ToolException">The data is not that.</exception>
    public static ClusterCertificateAuthority Parse(string base64Pem, string clusterName)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(base64Pem)));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new ToolException("cluster_unreachable", $"the certificate authority of cluster {clusterName} is not base64 of a PEM certificate", e);
        }

        return roots.Count > 0
            ? new ClusterCertificateAuthority(roots)
            : throw new ToolException("cluster_unreachable", $"the certificate authority of cluster {clusterName} holds no certificate");
    }

    /// <summary>Makes <paramref name="handler"/> accept only server certificates this authority issued for the host.</summary>
    public void Pin(SocketsHttpHandler handler) => handler.SslOptions.RemoteCertificateValidationCallback = Validate;

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        // A wrong host name fails whatever the chain; chain errors were judged against the system store, which does not
        // count here, so the chain is built again against this authority alone.
        if (certificate is not X509Certificate2 leaf || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        // A cluster CA is private: its certificates name no revocation endpoint to check.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        return chain.Build(leaf);
    }
}
