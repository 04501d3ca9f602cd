using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.Incidents;
using EksOps.IncidentStore;
using EksOps.Lambda.Testing;
using EksOps.Mcp;
using EksOps.Tools;

namespace EksOps.Approval.Tests.Support;

/// <summary>
/// One incident waiting at its plan, with the approval function wired as in production (options from environment
/// variables, the real StepFunctionsClient) over the in-memory incident store, the recording event sink, a fake Step
/// Functions and a clock moved by hand.
/// </summary>
internal sealed class ApprovalHarness : IDisposable
{
    public const string IncidentId = "checkout-memory-20260101T120000Z";
    public const string ApprovalUrl = "https://abc123.lambda-url.eu-west-1.on.aws/";
    public static readonly string PolicySecret = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray());
    public static readonly string LinkSecret = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

    private readonly AwsHttpPipeline _pipeline;

    private ApprovalHarness(ApprovalAuthMode mode, IReadOnlyDictionary<string, string> extraVariables)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EKSOPS_APPROVAL_AUTH"] = mode == ApprovalAuthMode.Iam ? "iam" : "link",
            ["EKSOPS_APPROVAL_URL"] = ApprovalUrl,
            ["EKSOPS_APPROVAL_SECRET"] = PolicySecret,
            ["EKSOPS_APPROVAL_LINK_SECRET"] = LinkSecret,
        };
        foreach (var (name, value) in extraVariables)
        {
            variables[name] = value;
        }

        Store = new InMemoryIncidentStore(Clock);
        Options = ApprovalOptions.FromEnvironment(name => variables.TryGetValue(name, out var value) ? value : null, Clock);
        _pipeline = new AwsHttpPipeline(new AwsClientOptions
        {
            Region = "eu-west-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            TransportHandler = StepFunctions,
            GetEnvironmentVariable = _ => null,
            Retry = new AwsRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2) },
        });
        Handler = new ApprovalHandler(Store, Events, new StepFunctionsClient(_pipeline), Options, Clock);
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 5, 0, TimeSpan.Zero));

    public InMemoryIncidentStore Store { get; }

    public RecordingIncidentEventSink Events { get; } = new();

    public FakeStepFunctions StepFunctions { get; } = new();

    public ApprovalOptions Options { get; }

    public ApprovalHandler Handler { get; }

    /// <summary>The change the plan step planned (and the approval must be bound to).</summary>
    public static ProposedChange Change { get; } = new()
    {
        Cluster = "prod-eu",
        Namespace = "shop",
        Target = "Deployment/checkout",
        Runbook = RunbookId.IncreaseMemoryLimit,
        Effect = RunbookEffect.Write,
        Patch = new JsonObject
        {
            ["strategicMergePatch"] = new JsonObject
            {
                ["spec"] = JsonNode.Parse("""{"template":{"spec":{"containers":[{"name":"app","resources":{"limits":{"memory":"384Mi"}}}]}}}"""),
            },
        },
        Summary = "raise the memory limit of container app in Deployment/checkout from 256Mi to 384Mi",
    };

    public static ApprovalHarness Create(ApprovalAuthMode mode = ApprovalAuthMode.Link, IReadOnlyDictionary<string, string>? variables = null) =>
        new(mode, variables ?? new Dictionary<string, string>());

    /// <summary>Opens the incident and writes what diagnose, analyze and plan would have written.</summary>
    public async Task SeedAsync(string decision = "approve", string? preview = null, string? subject = null, JsonObject? change = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var opened = Clock.GetUtcNow() - TimeSpan.FromMinutes(5);
        await Store.OpenOrJoinAsync(new IncidentRecord
        {
            Id = IncidentId,
            CorrelationKey = "prod-eu/shop/checkout",
            AlarmName = "checkout-memory",
            AlarmArn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-memory",
            Cluster = "prod-eu",
            Status = IncidentStatus.Open,
            OpenedAt = opened,
            UpdatedAt = opened,
            ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:incident:" + IncidentId,
        }, TimeSpan.FromMinutes(10), ct);
        await Store.UpdateAsync(IncidentId, new IncidentUpdate
        {
            Subject = subject ?? "Deployment/shop/checkout",
            RootCause = "oom-killed",
            Runbook = "increase-memory-limit",
            At = opened,
        }, ct);
        await Store.AppendAsync(IncidentId, new TimelineEntry
        {
            Key = "diagnosis",
            Kind = TimelineKind.Diagnosis,
            At = opened + TimeSpan.FromMinutes(1),
            Summary = "Container app of Deployment/shop/checkout was OOMKilled 6 times in 10 minutes.",
            Data = new JsonObject
            {
                ["rootCause"] = "oom-killed",
                ["confidence"] = 0.93,
                ["subject"] = new JsonObject { ["kind"] = "Deployment", ["namespace"] = "shop", ["name"] = "checkout" },
                ["findings"] = new JsonArray(
                    new JsonObject { ["id"] = "F1", ["message"] = "container app terminated with OOMKilled (exit 137), 6 restarts" },
                    new JsonObject { ["id"] = "F2", ["message"] = "memory working set at 99% of the 256Mi limit before each restart" }),
                ["evidence"] = new JsonArray(new JsonObject { ["tool"] = "get_pod" }, new JsonObject { ["tool"] = "get_pod_logs" }, new JsonObject { ["tool"] = "get_metric_data" }),
            },
        }, ct);
        await Store.AppendAsync(IncidentId, new TimelineEntry
        {
            Key = "analysis",
            Kind = TimelineKind.Decision,
            At = opened + TimeSpan.FromMinutes(2),
            Summary = "oom-killed (0.93) on Deployment/shop/checkout: increase-memory-limit.",
            Data = new JsonObject
            {
                ["rootCause"] = "oom-killed",
                ["confidence"] = 0.93,
                ["decidedBy"] = "deterministic",
                ["reason"] = "two findings support oom-killed",
            },
        }, ct);
        await Store.AppendAsync(IncidentId, new TimelineEntry
        {
            Key = "plan",
            Kind = TimelineKind.Plan,
            At = opened + TimeSpan.FromMinutes(3),
            Summary = "Planned increase-memory-limit; the dry run passed.",
            Data = new JsonObject
            {
                ["decision"] = decision,
                ["reason"] = "the default policy requires approval for increase-memory-limit in production",
                ["runbook"] = "increase-memory-limit",
                ["change"] = change ?? Change.ToJson(),
                ["patchHash"] = Change.PatchHash,
                ["preview"] = preview ?? "resources.limits.memory: 256Mi -> 384Mi",
                ["dryRun"] = new JsonObject { ["accepted"] = true },
            },
        }, ct);
    }

    /// <summary>Runs the request step as the state machine invokes it, and lets the fake task wait on the token.</summary>
    public async Task<JsonNode> RequestAsync(string taskToken = "task-token-1", int timeoutSeconds = 3600, JsonObject? extra = null)
    {
        StepFunctions.Wait(taskToken);
        var payload = new JsonObject
        {
            ["step"] = "request",
            ["incidentId"] = IncidentId,
            ["taskToken"] = taskToken,
            ["timeoutSeconds"] = timeoutSeconds,
        };
        foreach (var (name, value) in extra ?? [])
        {
            payload[name] = value?.DeepClone();
        }

        return await Handler.HandleAsync(JsonDocument.Parse(payload.ToJsonString()).RootElement, Context());
    }

    /// <summary>The detail of the last Approval Requested event.</summary>
    public JsonObject ApprovalRequested => Events.OfType(IncidentEventTypes.ApprovalRequested)[^1].Event.Detail;

    public string Link(string decision) => (string)ApprovalRequested["links"]![decision]!;

    public Task<TimelineEntry?> EntryAsync(string key) => Store.FindEntryAsync(IncidentId, key, TestContext.Current.CancellationToken);

    public async Task<IncidentRecord> IncidentAsync() => (await Store.GetAsync(IncidentId, TestContext.Current.CancellationToken))!;

    public static TestLambdaContext Context() => new() { FunctionName = "approval", CancellationToken = TestContext.Current.CancellationToken };

    /// <summary>Sends a Function URL request through the one handler (as Lambda would) and reads the response back.</summary>
    public async Task<FunctionUrlResponse> SendAsync(FunctionUrlRequest request)
    {
        string json = JsonSerializer.Serialize(request, FunctionUrlJsonContext.Default.FunctionUrlRequest);
        var answer = await Handler.HandleAsync(JsonDocument.Parse(json).RootElement, Context());
        return answer.Deserialize(FunctionUrlJsonContext.Default.FunctionUrlResponse)!;
    }

    /// <summary>A Function URL event (payload format 2.0) for a request to <paramref name="url"/>.</summary>
    public static FunctionUrlRequest Http(
        string method, string url, string? body = null, string? contentType = null, string? accept = null, string? iamCaller = null, bool base64 = false)
    {
        var uri = new Uri(url);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["host"] = uri.Host };
        if (contentType is not null)
        {
            headers["content-type"] = contentType;
        }

        if (accept is not null)
        {
            headers["accept"] = accept;
        }

        return new FunctionUrlRequest
        {
            Version = "2.0",
            RawPath = uri.AbsolutePath,
            RawQueryString = uri.Query.TrimStart('?'),
            Headers = headers,
            RequestContext = new FunctionUrlRequestContext
            {
                AccountId = iamCaller is null ? "anonymous" : "123456789012",
                RequestId = Guid.NewGuid().ToString(),
                DomainName = uri.Host,
                Http = new FunctionUrlHttp { Method = method, Path = uri.AbsolutePath, Protocol = "HTTP/1.1", SourceIp = "198.51.100.7", UserAgent = "test" },
                Authorizer = iamCaller is null ? null : new FunctionUrlAuthorizer
                {
                    Iam = new FunctionUrlIamIdentity { UserArn = iamCaller, AccountId = "123456789012", AccessKey = "ASIAEXAMPLE", CallerId = "AROAEXAMPLE:alice" },
                },
            },
            Body = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
            IsBase64Encoded = base64,
        };
    }

    public static JsonObject Json(FunctionUrlResponse response) => JsonNode.Parse(response.Body!)!.AsObject();

    public void Dispose() => _pipeline.Dispose();
}
