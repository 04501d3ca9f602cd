using System.Net.Http.Headers;
using System.Text.Json;
using EksOps.Aws.EventStreams;
using EksOps.Aws.Http;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// Agents for Amazon Bedrock Runtime (<c>bedrock-agent-runtime</c>, signed as <c>bedrock</c>): InvokeAgent with its
/// event-stream response, and a return-control loop that runs the actions the agent hands back through a
/// caller-supplied executor. The endpoint can be overridden with <c>EKSOPS_ENDPOINT_BEDROCK_AGENT_RUNTIME</c>.
/// </summary>
/// <remarks>IAM: <c>bedrock:InvokeAgent</c> on the agent alias (and <c>bedrock:InvokeModelWithResponseStream</c> for streamed final responses).</remarks>
public sealed class BedrockAgentRuntimeClient
{
    /// <summary>The service's endpoint prefix.</summary>
    public const string EndpointPrefix = "bedrock-agent-runtime";

    /// <summary>The service's SigV4 signing name.</summary>
    public const string SigningName = "bedrock";

    // An agent turn that has started may run action groups; a late answer must not start the turn a second time.
    private static readonly AwsOperation InvokeAgentOperation = new(EndpointPrefix, SigningName, "InvokeAgent") { RetryAfterTimeout = false };
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly EventStreamReaderOptions? _streamOptions;

    /// <summary>Creates the client on a shared pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="streamOptions">Event-stream size limits; null for the defaults.</param>
    public BedrockAgentRuntimeClient(AwsHttpPipeline pipeline, EventStreamReaderOptions? streamOptions = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        Pipeline = pipeline;
        _streamOptions = streamOptions;
    }

    /// <summary>The pipeline requests go through.</summary>
    public AwsHttpPipeline Pipeline { get; }

    /// <summary>
    /// Calls InvokeAgent and returns once the response headers have arrived (the pipeline retries throttling and 5xx
    /// until then, but not an attempt that timed out after sending, which may already be running the turn); enumerate
    /// the result for the events.
    /// </summary>
    /// <param name="request">The call.</param>
    /// <param name="cancellationToken">Cancels the call and the reading of its stream.</param>
    /// <returns>The response, to enumerate and dispose.</returns>
    /// <exception cref="ArgumentException">An id is empty, or a path label is only dots.</exception>
    /// <exception cref="AwsServiceException">The service refused the call before streaming.</exception>
    public async Task<InvokeAgentResponse> InvokeAgentAsync(InvokeAgentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = InvokeAgentPath(request.AgentId, request.AgentAliasId, request.SessionId);
        var body = JsonSerializer.SerializeToUtf8Bytes(InvokeAgentBody.From(request), BedrockAgentRuntimeJsonContext.Default.InvokeAgentBody);

        var response = await Pipeline.SendStreamingAsync(
            InvokeAgentOperation,
            endpoint =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, new Uri(WithTrailingSlash(endpoint), path))
                {
                    Content = new ByteArrayContent(body),
                };
                message.Content.Headers.ContentType = JsonContentType;
                if (!string.IsNullOrEmpty(request.SourceArn))
                {
                    message.Headers.TryAddWithoutValidation("x-amz-source-arn", request.SourceArn);
                }

                return message;
            },
            cancellationToken).ConfigureAwait(false);

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            using (response)
            {
                throw new InvalidDataException(
                    $"{EndpointPrefix} InvokeAgent answered HTTP {(int)response.StatusCode} with Content-Type {mediaType}, not an application/vnd.amazon.eventstream stream.");
            }
        }

        return new InvokeAgentResponse(response, request.SessionId, _streamOptions, cancellationToken);
    }

    /// <summary>
    /// Runs the agent to its answer: invokes it, and while it returns control, hands the actions to
    /// <paramref name="executor"/> and invokes it again with the results and the same invocation id — at most
    /// <see cref="ReturnControlLoopOptions.MaxRounds"/> times and within <see cref="ReturnControlLoopOptions.Timeout"/>.
    /// </summary>
    /// <param name="request">The first call. Later calls repeat it without <see cref="InvokeAgentRequest.InputText"/> and with the results in <see cref="InvokeAgentRequest.SessionState"/>.</param>
    /// <param name="executor">Runs the actions.</param>
    /// <param name="options">The bounds; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The answer, traces, tokens and rounds.</returns>
    /// <exception cref="ReturnControlLimitException">A bound was hit; the run so far is attached.</exception>
    /// <exception cref="AgentStreamException">The service sent an exception event.</exception>
    /// <exception cref="AwsServiceException">The service refused a call before streaming.</exception>
    public Task<AgentRunResult> RunAgentAsync(
        InvokeAgentRequest request, IReturnControlExecutor executor, ReturnControlLoopOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        return RunAgentAsync(request, executor.ExecuteAsync, options, cancellationToken);
    }

    /// <inheritdoc cref="RunAgentAsync(InvokeAgentRequest, IReturnControlExecutor, ReturnControlLoopOptions?, CancellationToken)"/>
    public Task<AgentRunResult> RunAgentAsync(
        InvokeAgentRequest request, Func<ReturnControlRequest, CancellationToken, Task<ReturnControlResults>> executor,
        ReturnControlLoopOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(executor);
        options ??= new ReturnControlLoopOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRounds, $"{nameof(options)}.{nameof(ReturnControlLoopOptions.MaxRounds)}");
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Timeout, "The timeout must be positive or infinite.");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, $"{nameof(options)}.{nameof(ReturnControlLoopOptions.TimeProvider)}");
        return new ReturnControlLoop(this, request, executor, options).RunAsync(cancellationToken);
    }

    /// <summary>The request path, each label percent-encoded (RFC 3986 unreserved characters kept): <c>agents/A/agentAliases/B/sessions/user%3A42/text</c>.</summary>
    internal static string InvokeAgentPath(string agentId, string agentAliasId, string sessionId) =>
        $"agents/{Label(agentId, nameof(InvokeAgentRequest.AgentId))}/agentAliases/{Label(agentAliasId, nameof(InvokeAgentRequest.AgentAliasId))}/sessions/{Label(sessionId, nameof(InvokeAgentRequest.SessionId))}/text";

    private static string Label(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        if (value.AsSpan().TrimStart('.').IsEmpty)
        {
            // "." and ".." are unreserved, so they would reach the URI as dot segments and be removed from the path.
            throw new ArgumentException($"{name} '{value}' consists only of dots, which cannot be a path label.", name);
        }

        return Uri.EscapeDataString(value);
    }

    private static Uri WithTrailingSlash(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.GetLeftPart(UriPartial.Path) + "/");
}
