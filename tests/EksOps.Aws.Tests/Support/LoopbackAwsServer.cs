using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace EksOps.Aws.Tests.Support;

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
    private readonly Func<RecordedRequest, int, ScriptedResponse> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly HttpListenerHost _host;
    private int _count;

    private LoopbackAwsServer(Func<RecordedRequest, int, ScriptedResponse> respond, bool alsoLocalhost)
    {
        _respond = respond;
        _host = HttpListenerHost.Start(RespondAsync, alsoLocalhost);
    }

    public Uri Endpoint => _host.Endpoint;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Answers the n-th request (0-based) with the n-th response; the last one repeats.</summary>
    public static LoopbackAwsServer Script(params ScriptedResponse[] responses) =>
        Start((_, n) => responses[Math.Min(n, responses.Length - 1)]);

    /// <summary>Answers with <paramref name="respond"/>; with <paramref name="alsoLocalhost"/>, also requests addressed to <c>localhost:port</c>.</summary>
    public static LoopbackAwsServer Start(Func<RecordedRequest, int, ScriptedResponse> respond, bool alsoLocalhost = false) =>
        new(respond, alsoLocalhost);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task RespondAsync(RecordedRequest request, HttpListenerResponse output)
    {
        _requests.Enqueue(request);
        var response = _respond(request, Interlocked.Increment(ref _count) - 1);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay);
        }

        if (response.Abort)
        {
            // Promise a body, send a few bytes of it, then drop the connection: the client sees the response end early.
            output.StatusCode = 200;
            output.ContentLength64 = 1000;
            await output.OutputStream.WriteAsync("{\"partial"u8.ToArray());
            await output.OutputStream.FlushAsync();
            output.Abort();
            return;
        }

        output.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            output.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(response.Body);
        output.ContentType ??= "application/x-amz-json-1.0";
        output.ContentLength64 = bytes.Length;
        await output.OutputStream.WriteAsync(bytes);
        output.Close();
    }
}
