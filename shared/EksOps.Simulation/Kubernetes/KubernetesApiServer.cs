using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// A Kubernetes API server on a loopback port that serves a <see cref="SimulatedCluster"/> over the real wire
/// format, so production clients (<c>kubectl</c>, client-go, the official .NET client) work against it unchanged:
/// HTTPS with a generated CA, bearer-token authentication, discovery (including aggregated discovery), lists and gets
/// with label and field selectors and paging, server-side tables, pod logs, watches, and the writes runbooks make
/// (patches of all three kinds, scale, delete, eviction, replace, create, server-side dry runs).
/// </summary>
/// <example>
/// <code>
/// var cluster = new SimulatedCluster(objects, logs, now: DateTimeOffset.Parse("2026-11-20T10:02:00Z"));
/// await using var server = await KubernetesApiServer.StartAsync(cluster);
/// server.WriteKubeconfig(path);   // kubectl --kubeconfig path get pods -A
/// var client = new k8s.Kubernetes(new KubernetesClientConfiguration
/// {
///     Host = server.Server, AccessToken = server.Token, SslCaCerts = [server.CaCertificate],
/// });
/// </code>
/// </example>
public sealed class KubernetesApiServer : IAsyncDisposable
{
    private readonly TestCertificateAuthority _authority;
    private readonly KubernetesApiServerOptions _options;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _disposed;

    private KubernetesApiServer(SimulatedCluster cluster, KubernetesApiServerOptions options)
    {
        Cluster = cluster;
        _options = options;
        Token = options.Token ?? Base64Url(RandomNumberGenerator.GetBytes(32));
        _authority = TestCertificateAuthority.Create($"{options.ClusterName} simulated cluster CA");
    }

    /// <summary>The cluster served.</summary>
    public SimulatedCluster Cluster { get; }

    /// <summary>The server's base address, <c>https://127.0.0.1:port</c>.</summary>
    public string Server { get; private set; } = string.Empty;

    /// <summary>The bearer token clients must send (<c>Authorization: Bearer …</c>).</summary>
    public string Token { get; }

    /// <summary>The CA certificate that signed the serving certificate, in PEM.</summary>
    public string CaCertificatePem => _authority.CaPem;

    /// <summary>The CA certificate that signed the serving certificate (public part only); disposed with the server.</summary>
    public X509Certificate2 CaCertificate => _authority.CaCertificate;

    /// <summary>Every write the cluster accepted (see <see cref="SimulatedCluster.Writes"/>).</summary>
    public IReadOnlyList<RecordedWrite> Writes => Cluster.Writes;

    /// <summary>Every request this server answered, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server for <paramref name="cluster"/> on <c>127.0.0.1</c> and an ephemeral port.</summary>
    /// <param name="cluster">The cluster to serve.</param>
    /// <param name="options">Token, names and version; defaults when omitted.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<KubernetesApiServer> StartAsync(
        SimulatedCluster cluster, KubernetesApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var server = new KubernetesApiServer(cluster, options ?? new KubernetesApiServerOptions());
        try
        {
            await server.StartKestrelAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A kubeconfig for this server: one cluster with <c>certificate-authority-data</c>, one user with the token, one current context.</summary>
    /// <returns>The kubeconfig YAML.</returns>
    public string CreateKubeconfig() => Kubeconfig.Create(_options.ClusterName, Server, CaCertificatePem, Token, _options.DefaultNamespace);

    /// <summary>Writes <see cref="CreateKubeconfig"/> to <paramref name="path"/>, for <c>kubectl --kubeconfig</c> or <c>KUBECONFIG</c>.</summary>
    /// <param name="path">The file to write (replaced if it exists).</param>
    public void WriteKubeconfig(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, CreateKubeconfig());
    }

    /// <summary>Stops the server; open watches end.</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections that did not close in time were aborted.
            }

            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _authority.Dispose();
        _stopping.Dispose();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task StartKestrelAsync(CancellationToken cancellationToken)
    {
        // An empty host: Kestrel with its HTTPS support, no configuration sources, no logging, no middleware.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = _authority.ServerCertificate });
            });
        });
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        _app = builder.Build();
        var handler = new ApiHandler(Cluster, _options, Token, Recorded, _stopping.Token);
        _app.Run(handler.HandleAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        Server = $"https://127.0.0.1:{new Uri(bound).Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private void Recorded(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }
}
