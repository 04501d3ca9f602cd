using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

public sealed class ContextTests
{
    /// <summary>Runs one invocation and returns the context the handler saw, with RemainingTime read inside the handler.</summary>
    private static async Task<(ILambdaContext Context, TimeSpan Remaining, InvocationResult Result)> ObserveAsync(
        InvocationOptions options, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ILambdaContext? seen = null;
        var remaining = TimeSpan.Zero;
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                seen = context;
                remaining = context.RemainingTime;
                return Task.FromResult(new Pong(ping.Name, 0));
            },
            environment);
        var result = await harness.InvokeAsync(new Ping("ctx", 0), options);
        Assert.False(result.IsError, result.ToString());
        return (seen!, remaining, result);
    }

    [Fact]
    public async Task The_context_carries_every_Runtime_API_header_of_the_invocation()
    {
        const string Arn = "arn:aws:lambda:eu-west-1:111122223333:function:diagnose:prod";
        const string Trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        var options = new InvocationOptions
        {
            RequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
            FunctionArn = Arn,
            TraceId = Trace,
            TenantId = "tenant-blue",
            Timeout = TimeSpan.FromSeconds(20),
            CognitoIdentity = """{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}""",
        };

        var (context, remaining, result) = await ObserveAsync(options);

        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", context.AwsRequestId);
        Assert.Equal(Arn, context.InvokedFunctionArn);
        Assert.Equal(Trace, context.TraceId);
        Assert.Equal("tenant-blue", context.TenantId);
        Assert.Equal(result.Deadline, context.Deadline);
        Assert.InRange(remaining, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(20));
        Assert.Equal(new CognitoIdentity("us-east-1:abc", "us-east-1:pool"), context.Identity);
        Assert.Null(context.ClientContext);
    }

    [Fact]
    public async Task The_client_context_is_parsed_including_the_custom_map_AgentCore_Gateway_uses()
    {
        var options = new InvocationOptions
        {
            ClientContext = """
                {"client":{"installation_id":"inst-1","app_title":"EksOps","app_version_name":"1.2","app_version_code":"12","app_package_name":"io.eksops"},
                 "custom":{"bedrockAgentCoreToolName":"eksops-target___diagnose_pod","attempt":2,"flags":{"dryRun":true}},
                 "env":{"platform":"linux","locale":"en_US"}}
                """.ReplaceLineEndings(""),
        };

        var (context, _, _) = await ObserveAsync(options);

        var clientContext = Assert.IsType<LambdaClientContext>(context.ClientContext);
        Assert.Equal("eksops-target___diagnose_pod", clientContext.Custom[TestClientContext.AgentCoreToolNameKey]);
        Assert.Equal("2", clientContext.Custom["attempt"]);
        Assert.Equal("""{"dryRun":true}""", clientContext.Custom["flags"]);
        Assert.Equal("linux", clientContext.Environment["platform"]);
        Assert.Equal(new ClientApplication("inst-1", "EksOps", "1.2", "12", "io.eksops"), clientContext.Client);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    [InlineData("   ")]
    public async Task A_malformed_client_context_or_identity_reads_as_null_and_the_invocation_succeeds(string header)
    {
        var (context, _, _) = await ObserveAsync(new InvocationOptions { ClientContext = header, CognitoIdentity = header });

        Assert.Null(context.ClientContext);
        Assert.Null(context.Identity);
    }

    [Fact]
    public async Task A_client_context_with_non_ASCII_text_arrives_intact()
    {
        var options = new InvocationOptions { ClientContext = """{"custom":{"note":"Zürich — café ✓"}}""" };

        var (context, _, _) = await ObserveAsync(options);

        Assert.Equal("Zürich — café ✓", context.ClientContext!.Custom["note"]);
    }

    [Fact]
    public async Task Function_settings_come_from_the_environment_lookup()
    {
        var (context, _, _) = await ObserveAsync(new InvocationOptions());

        Assert.Equal(RuntimeHarness.FunctionName, context.FunctionName);
        Assert.Equal("7", context.FunctionVersion);
        Assert.Equal(512, context.MemoryLimitInMB);
        Assert.Equal("/aws/lambda/harness-function", context.LogGroupName);
        Assert.Equal("2025/01/01/[7]0123456789abcdef", context.LogStreamName);
    }

    [Fact]
    public async Task Missing_function_settings_fall_back_to_Lambda_defaults()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = null,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = null,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "not a number",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = null,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = null,
        };

        var (context, _, _) = await ObserveAsync(new InvocationOptions(), environment);

        Assert.Equal(string.Empty, context.FunctionName);
        Assert.Equal("$LATEST", context.FunctionVersion);
        Assert.Equal(0, context.MemoryLimitInMB);
        Assert.Equal(string.Empty, context.LogGroupName);
    }

    [Fact]
    public async Task An_omitted_trace_header_leaves_TraceId_empty()
    {
        var (context, _, _) = await ObserveAsync(new InvocationOptions { TraceId = "" });

        Assert.Equal(string.Empty, context.TraceId);
        Assert.Equal(string.Empty, context.TenantId);
    }

    [Fact]
    public async Task The_cancellation_token_fires_before_the_deadline_so_the_handler_can_still_answer()
    {
        var observed = new TaskCompletionSource<(bool Canceled, TimeSpan Remaining)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            async (ping, context) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    observed.TrySetResult((context.CancellationToken.IsCancellationRequested, context.RemainingTime));
                }

                return new Pong("stopped early", 0);
            },
            cancellationMargin: TimeSpan.FromSeconds(1.5));

        var result = await harness.InvokeAsync(new Ping("slow", 0), new InvocationOptions { Timeout = TimeSpan.FromSeconds(6) });
        var (canceled, remaining) = await observed.Task.Bounded();

        Assert.True(canceled);
        Assert.True(remaining > TimeSpan.Zero, $"remaining {remaining}");
        Assert.False(result.IsError, result.ToString());
        Assert.Equal("""{"Message":"stopped early","Count":0}""", result.PayloadText);
    }

    [Fact]
    public async Task A_handler_that_overruns_its_deadline_times_out_and_its_late_answer_is_refused_without_stopping_the_loop()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(async (ping, _) =>
        {
            if (ping.Name == "stuck")
            {
                await release.Task;
            }

            return new Pong(ping.Name, 0);
        });

        var timedOut = await harness.InvokeAsync(new Ping("stuck", 0), new InvocationOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        release.SetResult();
        var next = await harness.InvokeAsync(new Ping("next", 0));

        Assert.Equal(RuntimeApiServer.TimeoutErrorType, timedOut.ErrorType);
        Assert.False(next.IsError, next.ToString());
        var late = Assert.Single(harness.Server.Requests, r => r.RequestId == timedOut.RequestId && r.Method == "POST");
        Assert.Equal(403, late.StatusCode);
        Assert.Contains(harness.Output.Lines, line =>
            line.Contains(timedOut.RequestId, StringComparison.Ordinal) && line.Contains("did not accept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_id_that_needs_escaping_round_trips_through_the_path()
    {
        const string Id = "id with spaces/slash+plus?&#";
        var (context, _, result) = await ObserveAsync(new InvocationOptions { RequestId = Id });

        Assert.Equal(Id, context.AwsRequestId);
        Assert.Equal(Id, result.RequestId);
        Assert.False(result.IsError);
    }
}
