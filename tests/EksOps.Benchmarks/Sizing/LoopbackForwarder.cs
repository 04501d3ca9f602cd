using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// A fixed loopback address (HTTP, or HTTPS with its own certificate) that forwards every request to whichever
/// upstream it currently points at. Function processes read their endpoints once, at init, and cache their clients;
/// this lets them stay warm while the scenario behind the address changes. Requests are forwarded one by one (method,
/// path, query, headers, body), so a pooled connection never outlives the upstream it was opened to.
/// </summary>
internal sealed class LoopbackForwarder : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate", "Host",
    };

    private readonly X509Certificate2? _certificate;
    private readonly List<HttpClient> _clients = [];
    private WebApplication? _app;
    private volatile Upstream? _upstream;

    private LoopbackForwarder(X509Certificate2? certificate) => _certificate = certificate;

    /// <summary>The address clients are given, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts a forwarder on an ephemeral loopback port; HTTPS with <paramref name="certificate"/> when given.</summary>
    public static async Task<LoopbackForwarder> StartAsync(X509Certificate2? certificate = null)
    {
        var forwarder = new LoopbackForwarder(certificate);
        // An empty host: Kestrel with its HTTPS support, no configuration sources, no logging, no middleware.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate });
                }
            });
        });
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        forwarder._app = builder.Build();
        forwarder._app.Run(forwarder.ForwardAsync);
        await forwarder._app.StartAsync();
        var bound = forwarder._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        forwarder.Address = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{new Uri(bound).Port.ToString(CultureInfo.InvariantCulture)}");
        return forwarder;
    }

    /// <summary>
    /// Points the forwarder at <paramref name="target"/>; requests already under way finish against the old one.
    /// </summary>
    /// <param name="target">The upstream base address.</param>
    /// <param name="bearerToken">Replaces the <c>Authorization</c> header when given (the upstream's own token).</param>
    /// <param name="trustedRoot">The CA the upstream's HTTPS certificate must chain to.</param>
    public void PointAt(Uri target, string? bearerToken = null, X509Certificate2? trustedRoot = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        if (trustedRoot is not null)
        {
            var root = X509CertificateLoader.LoadCertificate(trustedRoot.RawData);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && ChainsTo(certificate, root);
        }

        var upstream = new Upstream(target, bearerToken, new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) });
        lock (_clients)
        {
            // Requests under way may still use the previous client: every client is disposed with the forwarder.
            _clients.Add(upstream.Client);
        }

        _upstream = upstream;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections that did not close in time were aborted.
            }

            await _app.DisposeAsync();
        }

        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }

        _certificate?.Dispose();
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (_upstream is not { } upstream)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(upstream.Target, target));
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            body.Position = 0;
            request.Content = new StreamContent(body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name) || (upstream.BearerToken is not null && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (upstream.BearerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + upstream.BearerToken);
        }

        using var response = await upstream.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private sealed record Upstream(Uri Target, string? BearerToken, HttpClient Client);

    /// <summary>No console hooks: the benchmark handles Ctrl-C itself.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
