using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// EventBridge on loopback for the function processes (<c>EKSOPS_ENDPOINT_EVENTS</c>): answers <c>PutEvents</c>
/// (AWS JSON 1.1, <c>X-Amz-Target: AWSEvents.PutEvents</c>) as EventBridge does when every entry is accepted, and
/// hands each entry to an observer, which is how the benchmark sees <c>Approval Requested</c> and answers it.
/// Any SigV4 signature is accepted; other operations get EventBridge's <c>UnknownOperationException</c>.
/// </summary>
internal sealed class EventBridgeRecorder : IAsyncDisposable
{
    private readonly Action<RecordedEvent> _observer;
    private readonly List<RecordedEvent> _events = [];
    private KestrelServer? _kestrel;

    private EventBridgeRecorder(Action<RecordedEvent> observer) => _observer = observer;

    /// <summary>The endpoint to give the functions.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every entry put so far, in arrival order.</summary>
    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Starts the recorder; <paramref name="observer"/> sees each entry as it is put (it must not block).</summary>
    public static async Task<EventBridgeRecorder> StartAsync(Action<RecordedEvent> observer)
    {
        var recorder = new EventBridgeRecorder(observer);
        var options = new KestrelServerOptions { AddServerHeader = false };
        options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        recorder._kestrel = new KestrelServer(Options.Create(options), transport, NullLoggerFactory.Instance);
        await recorder._kestrel.StartAsync(new RecorderApplication(recorder.HandleAsync), CancellationToken.None);
        var bound = recorder._kestrel.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        recorder.Endpoint = new Uri($"http://127.0.0.1:{new Uri(bound).Port.ToString(CultureInfo.InvariantCulture)}/");
        return recorder;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_kestrel is not null)
        {
            await _kestrel.StopAsync(CancellationToken.None);
            _kestrel.Dispose();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/x-amz-json-1.1";
        if (context.Request.Headers["X-Amz-Target"] != "AWSEvents.PutEvents")
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($$"""{"__type":"UnknownOperationException","message":"{{context.Request.Headers["X-Amz-Target"]}} is not served here"}""");
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())?.AsObject() ?? [];
        var answers = new JsonArray();
        foreach (var entry in body["Entries"]?.AsArray() ?? [])
        {
            var recorded = new RecordedEvent(
                Guid.NewGuid().ToString(),
                (string?)entry?["Source"] ?? string.Empty,
                (string?)entry?["DetailType"] ?? string.Empty,
                (string?)entry?["EventBusName"],
                JsonNode.Parse((string?)entry?["Detail"] ?? "{}")?.AsObject() ?? []);
            lock (_events)
            {
                _events.Add(recorded);
            }

            _observer(recorded);
            answers.Add(new JsonObject { ["EventId"] = recorded.EventId });
        }

        await context.Response.WriteAsync(new JsonObject { ["FailedEntryCount"] = 0, ["Entries"] = answers }.ToJsonString());
    }

    private sealed class RecorderApplication(RequestDelegate handler) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => handler(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }
}
