using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace EksOps.Aws.Tests.Support;

/// <summary>A request the loopback server received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Target => Header("X-Amz-Target");

    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>What the loopback server answers; <see cref="Abort"/> drops the connection part-way through the body instead.</summary>
internal sealed record ScriptedResponse(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null)
{
    public bool Abort { get; init; }

    public TimeSpan Delay { get; init; }

    public static ScriptedResponse Json(string body, string requestId = "req-ok") =>
        new(200, body, new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId });

    public static ScriptedResponse Error(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, body, headers.ToDictionary(h => h.Name, h => h.Value));
}

/// <summary>
/// An HTTP server on 127.0.0.1 that records every request and answers from a script, standing in for an AWS endpoint.
/// </summary>
internal sealed class LoopbackAwsServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, int, ScriptedResponse> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;
    private int _count;

    private LoopbackAwsServer(HttpListener listener, Uri endpoint, Func<RecordedRequest, int, ScriptedResponse> respond)
    {
        _listener = listener;
        Endpoint = endpoint;
        _respond = respond;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Answers the n-th request (0-based) with the n-th response; the last one repeats.</summary>
    public static LoopbackAwsServer Script(params ScriptedResponse[] responses) =>
        Start((_, n) => responses[Math.Min(n, responses.Length - 1)]);

    /// <summary>Answers with <paramref name="respond"/>; with <paramref name="alsoLocalhost"/>, also requests addressed to <c>localhost:port</c>.</summary>
    public static LoopbackAwsServer Start(Func<RecordedRequest, int, ScriptedResponse> respond, bool alsoLocalhost = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            if (alsoLocalhost)
            {
                listener.Prefixes.Add($"http://localhost:{port}/");
            }

            try
            {
                listener.Start();
                return new LoopbackAwsServer(listener, new Uri($"http://127.0.0.1:{port}/"), respond);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // The accept loop ends with an exception when the listener closes.
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in context.Request.Headers.AllKeys)
            {
                if (key is not null)
                {
                    headers[key] = context.Request.Headers[key] ?? string.Empty;
                }
            }

            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body.ToArray());
            _requests.Enqueue(request);
            var response = _respond(request, Interlocked.Increment(ref _count) - 1);
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay);
            }

            if (response.Abort)
            {
                // Promise a body, send a few bytes of it, then drop the connection: the client sees the response end early.
                context.Response.StatusCode = 200;
                context.Response.ContentLength64 = 1000;
                await context.Response.OutputStream.WriteAsync("{\"partial"u8.ToArray());
                await context.Response.OutputStream.FlushAsync();
                context.Response.Abort();
                return;
            }

            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentType ??= "application/x-amz-json-1.0";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client may have gone (timeouts, cancellation tests); nothing to answer.
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
            }
        }
    }
}
