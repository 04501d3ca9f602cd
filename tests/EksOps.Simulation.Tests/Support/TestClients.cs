using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Simulation.Tests;

/// <summary>HTTP clients for the simulated server that trust only a given CA, as kubectl does with <c>certificate-authority-data</c>.</summary>
internal static class TestClients
{
    public static HttpClient Http(KubernetesApiServer server, string? token, X509Certificate2? trustedCa = null)
    {
        var ca = trustedCa ?? server.CaCertificate;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => IsSignedBy(certificate, ca),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(server.Server), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static bool IsSignedBy(X509Certificate? certificate, X509Certificate2 ca)
    {
        if (certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    public static async Task<(int Status, JsonObject Body)> GetJsonAsync(this HttpClient client, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public static async Task<(int Status, string Body, string? ContentType)> SendAsync(this HttpClient client, HttpMethod method, string path, string? body = null, string? contentType = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text, response.Content.Headers.ContentType?.ToString());
    }

    public static async Task<(int Status, JsonObject Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? body = null, string? contentType = null)
    {
        var (status, text, _) = await client.SendAsync(method, path, body, contentType);
        return (status, JsonNode.Parse(text)!.AsObject());
    }
}
