using System.Net;
using System.Net.Sockets;

namespace EksOps.Testing.Bedrock;

/// <summary>
/// The plumbing of the loopback test servers: an <see cref="HttpListener"/> on a free 127.0.0.1 port, an accept loop
/// that reads each request whole (method, raw target, headers, body) and hands it with its response to a handler, and
/// an abort of the connection when the handler throws (the client may have gone: timeouts, cancellation tests).
/// </summary>
public sealed class HttpListenerHost : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, HttpListenerResponse, Task> _handle;
    private readonly Task _loop;

    private HttpListenerHost(HttpListener listener, Uri endpoint, Func<RecordedRequest, HttpListenerResponse, Task> handle)
    {
        _listener = listener;
        Endpoint = endpoint;
        _handle = handle;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The base address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Serves with <paramref name="handle"/>; with <paramref name="alsoLocalhost"/>, also requests addressed to <c>localhost:port</c>.</summary>
    /// <param name="handle">Answers one request; it must write and close the response.</param>
    /// <param name="alsoLocalhost">Whether <c>localhost</c> is served too.</param>
    /// <returns>The running host; dispose it.</returns>
    public static HttpListenerHost Start(Func<RecordedRequest, HttpListenerResponse, Task> handle, bool alsoLocalhost = false)
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
                return new HttpListenerHost(listener, new Uri($"http://127.0.0.1:{port}/"), handle);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed listener can report a socket error (seen: "Address already in use") while closing under
            // load; the listener is closed either way, and a fake's teardown must not fail the test that used it.
        }

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

            await _handle(new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body.ToArray()), context.Response);
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
