using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EksOps.Aws.Http;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.BedrockAgentRuntime;

/// <summary>A request the fake received, with the verdict on its SigV4 signature (null: valid for service <c>bedrock</c>).</summary>
internal sealed record AgentRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? SignatureProblem)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>What the fake answers one request with.</summary>
internal abstract record AgentReply;

/// <summary>
/// HTTP 200 with an <c>application/vnd.amazon.eventstream</c> body of <paramref name="Frames"/>, written in pieces of
/// <see cref="PieceSize"/> bytes (each flushed on its own) or all in one write; <see cref="AbortAfterBytes"/> drops the
/// connection part-way through instead of ending the stream.
/// </summary>
internal sealed record StreamReply(params byte[][] Frames) : AgentReply
{
    public int? PieceSize { get; init; }

    public int? AbortAfterBytes { get; init; }

    public string ContentType { get; init; } = "application/vnd.amazon.eventstream";

    public string? MemoryId { get; init; }
}

/// <summary>A restJson1 error before any streaming: status, JSON body, <c>x-amzn-ErrorType</c> and optional <c>Retry-After</c>.</summary>
internal sealed record ErrorReply(int Status, string ErrorType, string Message) : AgentReply
{
    public string? RetryAfter { get; init; }
}

/// <summary>
/// A loopback Bedrock Agent Runtime that speaks the real protocol: it answers InvokeAgent with event-stream messages
/// built by AWSSDK.Core's encoder, scripted per test, and checks the SigV4 signature of every request it receives.
/// </summary>
internal sealed class FakeBedrockAgentRuntime : IAsyncDisposable
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";

    private readonly HttpListener _listener;
    private readonly Func<AgentRequest, int, AgentReply> _script;
    private readonly ConcurrentQueue<AgentRequest> _requests = new();
    private readonly Task _loop;
    private int _count;

    private FakeBedrockAgentRuntime(HttpListener listener, Uri endpoint, Func<AgentRequest, int, AgentReply> script)
    {
        _listener = listener;
        Endpoint = endpoint;
        _script = script;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<AgentRequest> Requests => [.. _requests];

    /// <summary>Answers the n-th request with the n-th reply; the last one repeats.</summary>
    public static FakeBedrockAgentRuntime Script(params AgentReply[] replies) => Start((_, n) => replies[Math.Min(n, replies.Length - 1)]);

    public static FakeBedrockAgentRuntime Start(Func<AgentRequest, int, AgentReply> script)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeBedrockAgentRuntime(listener, new Uri($"http://127.0.0.1:{port}/"), script);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>A pipeline whose Bedrock Agent Runtime endpoint is this fake, through <c>EKSOPS_ENDPOINT_BEDROCK_AGENT_RUNTIME</c>.</summary>
    public AwsHttpPipeline Pipeline(Action<AwsClientOptions>? configure = null)
    {
        var options = new AwsClientOptions
        {
            Region = Region,
            Credentials = new Amazon.Runtime.BasicAWSCredentials(AccessKey, SecretKey),
            GetEnvironmentVariable = name => name == "EKSOPS_ENDPOINT_BEDROCK_AGENT_RUNTIME" ? Endpoint.ToString() : null,
            TimeProvider = new RecordingTimeProvider(),
        };
        configure?.Invoke(options);
        return new AwsHttpPipeline(options);
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

            var rawTarget = context.Request.RawUrl ?? "/";
            var bytes = body.ToArray();
            var problem = SigV4Verifier.Problem(context.Request.HttpMethod, rawTarget, headers, bytes, AccessKey, SecretKey, Region, "bedrock");
            var request = new AgentRequest(context.Request.HttpMethod, rawTarget, headers, bytes, problem);
            _requests.Enqueue(request);
            var reply = _script(request, Interlocked.Increment(ref _count) - 1);
            var response = context.Response;
            response.Headers["x-amzn-RequestId"] = "req-" + _count;

            if (reply is ErrorReply error)
            {
                response.StatusCode = error.Status;
                response.ContentType = "application/json";
                response.Headers["x-amzn-ErrorType"] = error.ErrorType + ":http://internal.amazon.com/coral/com.amazon.bedrock.agent.runtime/";
                if (error.RetryAfter is not null)
                {
                    response.Headers["Retry-After"] = error.RetryAfter;
                }

                var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = error.Message }));
                response.ContentLength64 = json.Length;
                await response.OutputStream.WriteAsync(json);
                response.Close();
                return;
            }

            var stream = (StreamReply)reply;
            response.StatusCode = 200;
            response.ContentType = stream.ContentType;
            response.SendChunked = true;
            response.Headers["x-amzn-bedrock-agent-content-type"] = "application/json";
            response.Headers["x-amz-bedrock-agent-session-id"] = SessionIdOf(rawTarget);
            if (stream.MemoryId is not null)
            {
                response.Headers["x-amz-bedrock-agent-memory-id"] = stream.MemoryId;
            }

            byte[] all = [.. stream.Frames.SelectMany(f => f)];
            var limit = stream.AbortAfterBytes ?? all.Length;
            var piece = stream.PieceSize ?? Math.Max(1, all.Length);
            for (var offset = 0; offset < limit; offset += piece)
            {
                await response.OutputStream.WriteAsync(all.AsMemory(offset, Math.Min(piece, limit - offset)));
                await response.OutputStream.FlushAsync();
            }

            if (stream.AbortAfterBytes is not null)
            {
                response.Abort();
                return;
            }

            response.Close();
        }
        catch (Exception)
        {
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
            }
        }
    }

    private static string SessionIdOf(string rawTarget)
    {
        var segments = rawTarget.Split('?')[0].Split('/');
        var index = Array.IndexOf(segments, "sessions");
        return index >= 0 && index + 1 < segments.Length ? Uri.UnescapeDataString(segments[index + 1]) : "";
    }
}
