using System.Net;
using System.Text;
using System.Text.Json;
using EksOps.Lambda;
using EksOps.Mcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EksOps.Cli.FunctionUrl;

/// <summary>
/// A local Lambda Function URL: Kestrel on 127.0.0.1 turns each HTTP request into a payload 2.0 event, round-trips it
/// through the function's JSON contract (as the runtime would receive it), calls the handler with a local
/// <see cref="ILambdaContext"/>, and turns the handler's response back into HTTP. Buffered, as a Function URL with the
/// BUFFERED invoke mode is; bodies over 6 MB get 413 as there.
/// </summary>
internal sealed class FunctionUrlEmulator : IAsyncDisposable
{
    /// <summary>Function URLs refuse request payloads over 6 MB before the function runs.</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    private static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;

    private FunctionUrlEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:8765/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the emulator.</summary>
    /// <param name="handler">The function's handler.</param>
    /// <param name="port">The loopback port; 0 for any free one.</param>
    /// <param name="log">Where the function's log lines go.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<FunctionUrlEmulator> StartAsync(
        Func<FunctionUrlRequest, ILambdaContext, Task<FunctionUrlResponse>> handler, int port, TextWriter log, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = MaxPayloadBytes;
        });
        var app = builder.Build();
        var logger = new TextLambdaLogger(log);
        app.Run(http => ServeAsync(http, handler, logger));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FunctionUrlEmulator(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(HttpContext http, Func<FunctionUrlRequest, ILambdaContext, Task<FunctionUrlResponse>> handler, ILambdaLogger logger)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.Response.WriteAsync("Request must be smaller than 6291456 bytes for the InvokeFunction operation", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        // What the runtime deserializes is what Lambda serialized: the handler sees the event after a JSON round trip.
        var functionEvent = RoundTrip(ToEvent(http, body), FunctionUrlJsonContext.Default.FunctionUrlRequest);
        using var context = new LocalLambdaContext(logger, FunctionTimeout);
        FunctionUrlResponse response;
        try
        {
            response = RoundTrip(await handler(functionEvent, context).ConfigureAwait(false), FunctionUrlJsonContext.Default.FunctionUrlResponse);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // A function error through a Function URL is a bare 502.
            logger.LogError("the function failed", exception);
            http.Response.StatusCode = StatusCodes.Status502BadGateway;
            await http.Response.WriteAsync("Internal Server Error", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            byte[] bytes = response.IsBase64Encoded ? Convert.FromBase64String(response.Body) : Encoding.UTF8.GetBytes(response.Body);
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static FunctionUrlRequest ToEvent(HttpContext http, byte[] body)
    {
        var request = http.Request;
        string? contentType = request.ContentType;
        bool text = contentType is not null && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
        string path = request.PathBase.Add(request.Path).ToUriComponent();
        return new FunctionUrlRequest
        {
            Version = "2.0",
            RawPath = path,
            RawQueryString = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty,
            Headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value.ToArray()), StringComparer.Ordinal),
            RequestContext = new FunctionUrlRequestContext
            {
                AccountId = "anonymous",
                RequestId = Guid.NewGuid().ToString(),
                DomainName = request.Host.Value,
                Http = new FunctionUrlHttp
                {
                    Method = request.Method,
                    Path = path,
                    Protocol = request.Protocol,
                    SourceIp = http.Connection.RemoteIpAddress?.ToString(),
                    UserAgent = request.Headers.UserAgent.ToString(),
                },
            },
            Body = body.Length == 0 ? null : text ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body),
            IsBase64Encoded = body.Length > 0 && !text,
        };
    }

    private static T RoundTrip<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), typeInfo)
        ?? throw new InvalidOperationException($"{typeof(T).Name} did not survive a JSON round trip");
}
