using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EksOps.Tools.Readers.Tests.Eks;

/// <summary>A Kestrel server on 127.0.0.1 and a free port, plain HTTP or HTTPS with a given certificate, running one handler.</summary>
/// <remarks>The slim WebApplication rather than a bare KestrelServer: only the host registers what <c>UseHttps</c> needs.</remarks>
internal sealed class LoopbackKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackKestrel(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address, e.g. <c>https://127.0.0.1:40123/</c>.</summary>
    public Uri Endpoint { get; }

    public static async Task<LoopbackKestrel> StartAsync(RequestDelegate handler, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var scheme = certificate is null ? "http" : "https";
        return new LoopbackKestrel(app, new Uri($"{scheme}://127.0.0.1:{bound.Port.ToString(CultureInfo.InvariantCulture)}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
