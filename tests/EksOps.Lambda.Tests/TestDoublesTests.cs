using System.Text;
using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

/// <summary>The in-memory doubles a handler's unit tests use instead of the runtime.</summary>
public sealed class TestDoublesTests
{
    [Fact]
    public void A_new_TestLambdaContext_has_Lambda_like_defaults()
    {
        var context = new TestLambdaContext();

        Assert.True(Guid.TryParse(context.AwsRequestId, out _));
        Assert.NotEqual(context.AwsRequestId, new TestLambdaContext().AwsRequestId);
        Assert.Equal("test-function", context.FunctionName);
        Assert.Equal("$LATEST", context.FunctionVersion);
        Assert.Equal(256, context.MemoryLimitInMB);
        Assert.Equal("/aws/lambda/test-function", context.LogGroupName);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:test-function", context.InvokedFunctionArn);
        Assert.InRange(context.RemainingTime, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30));
        Assert.False(context.CancellationToken.CanBeCanceled);
        Assert.IsType<TestLambdaLogger>(context.Logger);
        Assert.IsType<TestMetrics>(context.Metrics);
        Assert.Null(context.ClientContext);
        Assert.Null(context.Identity);
    }

    [Fact]
    public void The_function_name_flows_into_the_default_ARN_and_log_group_until_they_are_set()
    {
        var context = new TestLambdaContext { FunctionName = "diagnose" };

        Assert.EndsWith(":function:diagnose", context.InvokedFunctionArn, StringComparison.Ordinal);
        Assert.Equal("/aws/lambda/diagnose", context.LogGroupName);

        context.LogGroupName = "/custom";
        context.InvokedFunctionArn = "arn:x";
        Assert.Equal("/custom", context.LogGroupName);
        Assert.Equal("arn:x", context.InvokedFunctionArn);
    }

    [Fact]
    public void Setting_RemainingTime_moves_the_deadline_and_a_past_deadline_leaves_none()
    {
        var context = new TestLambdaContext { RemainingTime = TimeSpan.FromMinutes(5) };

        Assert.InRange(context.Deadline - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));

        context.Deadline = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(TimeSpan.Zero, context.RemainingTime);
    }

    [Fact]
    public void A_client_context_for_an_AgentCore_tool_call_carries_the_tool_name()
    {
        var context = new TestLambdaContext { ClientContext = TestClientContext.ForAgentCoreTool("eksops___diagnose_pod") };

        Assert.Equal("eksops___diagnose_pod", context.ClientContext.Custom["bedrockAgentCoreToolName"]);
        Assert.Empty(context.ClientContext.Environment);
        Assert.Throws<ArgumentException>(() => TestClientContext.ForAgentCoreTool(""));
    }

    [Fact]
    public void TestLambdaLogger_records_level_message_exception_and_properties_and_fills_the_buffer()
    {
        var context = new TestLambdaContext();
        var failure = new InvalidOperationException("boom");

        context.Logger.LogInformation("ingested", new Dictionary<string, string> { ["alarm"] = "HighCpu" });
        context.Logger.LogError("failed", failure);

        var entries = context.TestLogger.Entries;
        Assert.Equal(2, entries.Count);
        Assert.Equal(LambdaLogLevel.Information, entries[0].Level);
        Assert.Equal("ingested", entries[0].Message);
        Assert.Equal("HighCpu", entries[0].Properties!["alarm"]);
        Assert.Same(failure, entries[1].Exception);
        Assert.Equal("INFORMATION ingested alarm=HighCpu\nERROR failed InvalidOperationException: boom\n", context.TestLogger.Buffer.ToString());
    }

    [Fact]
    public void TestLambdaLogger_drops_lines_below_its_minimum_level()
    {
        var logger = new TestLambdaLogger { MinimumLevel = LambdaLogLevel.Warning };

        logger.LogDebug("hidden");
        logger.LogInformation("hidden");
        logger.LogWarning("shown");

        Assert.False(logger.IsEnabled(LambdaLogLevel.Information));
        Assert.Equal(["shown"], logger.Entries.Select(e => e.Message));
        logger.Clear();
        Assert.Empty(logger.Entries);
        Assert.Equal(0, logger.Buffer.Length);
    }

    [Fact]
    public void TestMetrics_records_every_call_and_rejects_what_EMF_rejects()
    {
        var context = new TestLambdaContext();

        context.Metrics.AddMetric("AlarmsIngested", 1);
        context.Metrics.AddMetric("AlarmsIngested", 2);
        context.Metrics.AddMetric("Latency", 12.5, MetricUnit.Milliseconds, MetricResolution.High);
        context.Metrics.AddDimension("Cluster", "prod");
        context.Metrics.AddMetadata("incidentId", "inc-1");

        var metrics = context.TestMetrics;
        Assert.Equal([1.0, 2.0], metrics.ValuesOf("AlarmsIngested"));
        Assert.Equal(new RecordedMetric("Latency", 12.5, MetricUnit.Milliseconds, MetricResolution.High), metrics.Metrics[2]);
        Assert.Equal([new KeyValuePair<string, string>("Cluster", "prod")], metrics.Dimensions);
        Assert.Equal([new KeyValuePair<string, string>("incidentId", "inc-1")], metrics.Metadata);
        Assert.Throws<ArgumentException>(() => metrics.AddMetric("Ratio", double.NaN));
        Assert.Throws<ArgumentException>(() => metrics.AddMetric("", 1));
        Assert.Throws<ArgumentException>(() => metrics.AddDimension("Cluster", ""));
        Assert.Equal(3, metrics.Metrics.Count);
    }

    [Fact]
    public void Replacing_the_logger_makes_TestLogger_explain_itself()
    {
        var context = new TestLambdaContext { Logger = new OtherLogger() };

        var exception = Assert.Throws<InvalidOperationException>(() => context.TestLogger);
        Assert.Contains(nameof(OtherLogger), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapturedOutputStream_splits_writes_into_lines_across_partial_writes()
    {
        var output = new CapturedOutputStream();
        var waiting = output.WaitForLineAsync(line => line.StartsWith("second", StringComparison.Ordinal), Wait.Token);

        output.Write("fir"u8);
        output.Write("st\nsec"u8);
        Assert.False(waiting.IsCompleted);
        output.Write(Encoding.UTF8.GetBytes("ond é\nthird"));

        Assert.Equal("second é", await waiting.Bounded());
        Assert.Equal(["first", "second é"], output.Lines);
        Assert.Equal("first\nsecond é\nthird", output.Text);
        Assert.Equal("first", await output.WaitForLineAsync(line => line == "first", Wait.Token).Bounded());
    }

    private sealed class OtherLogger : ILambdaLogger
    {
        public bool IsEnabled(LambdaLogLevel level) => true;

        public void Log(LambdaLogLevel level, string message, Exception? exception = null, IReadOnlyDictionary<string, string>? properties = null)
        {
        }
    }
}
