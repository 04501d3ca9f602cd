using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using EksOps.Aws;
using EksOps.Aws.Http;

namespace EksOps.Testing.Bedrock;

/// <summary>
/// A loopback Bedrock Agent Runtime that speaks the real protocol: it answers InvokeAgent with event-stream messages
/// built by AWSSDK.Core's encoder, scripted per test, and checks the SigV4 signature of every request it receives.
/// </summary>
public sealed class FakeBedrockAgentRuntime : IAsyncDisposable
{
    /// <summary>The access key id the fake checks signatures against (the documented SigV4 example key, not a credential).</summary>
    public const string AccessKey = "AKIDEXAMPLE";
    /// <summary>The secret key the fake checks signatures against (the documented SigV4 example key).</summary>
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    /// <summary>The Region of the signing scope.</summary>
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

    /// <summary>The fake's base address on 127.0.0.1.</summary>
    public Uri Endpoint => _host.Endpoint;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<AgentRequest> Requests => [.. _requests];

    /// <summary>Answers the n-th request with the n-th reply; the last one repeats.</summary>
    /// <param name="replies">The replies, in order.</param>
    /// <returns>The running fake; dispose it.</returns>
    public static FakeBedrockAgentRuntime Script(params AgentReply[] replies) => Start((_, n) => replies[Math.Min(n, replies.Length - 1)]);

    /// <summary>Answers each request with what <paramref name="script"/> returns for it and its index (from 0).</summary>
    /// <param name="script">The replies.</param>
    /// <returns>The running fake; dispose it.</returns>
    public static FakeBedrockAgentRuntime Start(Func<AgentRequest, int, AgentReply> script) => new(script);

    /// <summary>
    /// A pipeline whose Bedrock Agent Runtime endpoint is this fake, through <c>EKSOPS_ENDPOINT_BEDROCK_AGENT_RUNTIME</c>,
    /// signing with the fake's key on a <see cref="RecordingTimeProvider"/>, so retry backoff does not sleep.
    /// </summary>
    /// <param name="configure">Changes the options before the pipeline is built (retries, time).</param>
    /// <returns>The pipeline; dispose it.</returns>
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

    /// <inheritdoc/>
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
