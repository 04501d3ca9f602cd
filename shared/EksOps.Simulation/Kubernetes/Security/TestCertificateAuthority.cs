using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// A throwaway certificate authority and the serving certificate it signs for the loopback API server
/// (SANs <c>127.0.0.1</c>, <c>localhost</c>, <c>kubernetes</c>, <c>kubernetes.default.svc</c>), both ECDSA P-256.
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private TestCertificateAuthority(X509Certificate2 caCertificate, string caPem, X509Certificate2 serverCertificate)
    {
        CaCertificate = caCertificate;
        CaPem = caPem;
        ServerCertificate = serverCertificate;
    }

    /// <summary>The CA certificate, without its key.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The CA certificate in PEM.</summary>
    public string CaPem { get; }

    /// <summary>The serving certificate with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>Creates a CA valid from a day ago for a year (wall-clock time: TLS clients check it against theirs).</summary>
    public static TestCertificateAuthority Create(string commonName)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={commonName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("kubernetes");
        names.AddDnsName("kubernetes.default");
        names.AddDnsName("kubernetes.default.svc");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        serverRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(serverRequest.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = serverRequest.Create(ca, now.AddDays(-1), now.AddYears(1).AddDays(-1), serial);
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // A PKCS#12 round trip gives the key a form every TLS backend accepts.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return new TestCertificateAuthority(X509CertificateLoader.LoadCertificate(ca.RawData), ca.ExportCertificatePem(), server);
    }

    public void Dispose()
    {
        CaCertificate.Dispose();
        ServerCertificate.Dispose();
    }
}
