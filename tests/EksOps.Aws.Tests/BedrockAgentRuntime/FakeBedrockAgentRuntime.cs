using System.Collections.Concurrent;
using System.Net;
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

    private readonly Func<AgentRequest, int, AgentReply> _script;
    private readonly ConcurrentQueue<AgentRequest> _requests = new();
    private readonly HttpListenerHost _host;
    private int _count;

    private FakeBedrockAgentRuntime(Func<AgentRequest, int, AgentReply> script)
    {
        _script = script;
        _host = HttpListenerHost.Start(RespondAsync);
    }

    public Uri Endpoint => _host.Endpoint;

    public IReadOnlyList<AgentRequest> Requests => [.. _requests];

    /// <summary>Answers the n-th request with the n-th reply; the last one repeats.</summary>
    public static FakeBedrockAgentRuntime Script(params AgentReply[] replies) => Start((_, n) => replies[Math.Min(n, replies.Length - 1)]);

    public static FakeBedrockAgentRuntime Start(Func<AgentRequest, int, AgentReply> script) => new(script);

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

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task RespondAsync(RecordedRequest received, HttpListenerResponse response)
    {
        var (method, rawTarget, headers, bytes) = received;
        var problem = SigV4Verifier.Problem(method, rawTarget, headers, bytes, AccessKey, SecretKey, Region, "bedrock");
        var request = new AgentRequest(method, rawTarget, headers, bytes, problem);
        _requests.Enqueue(request);
        var reply = _script(request, Interlocked.Increment(ref _count) - 1);
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

    private static string SessionIdOf(string rawTarget)
    {
        var segments = rawTarget.Split('?')[0].Split('/');
        var index = Array.IndexOf(segments, "sessions");
        return index >= 0 && index + 1 < segments.Length ? Uri.UnescapeDataString(segments[index + 1]) : "";
    }
}
