using System.Globalization;
using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

public sealed class LoggingTests
{
    private static readonly Dictionary<string, string?> Json = new() { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" };

    private static Task<Pong> LogEveryLevel(Ping ping, ILambdaContext context)
    {
        context.Logger.LogTrace("at trace");
        context.Logger.LogDebug("at debug");
        context.Logger.LogInformation("at info");
        context.Logger.LogWarning("at warn");
        context.Logger.LogError("at error");
        context.Logger.LogCritical("at fatal");
        return Task.FromResult(new Pong(ping.Name, 0));
    }

    [Fact]
    public async Task Text_lines_are_timestamp_request_id_level_and_message_separated_by_tabs()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            context.Logger.LogInformation("alarm received", new Dictionary<string, string> { ["alarm"] = "HighCpu" });
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        var result = await harness.InvokeAsync(new Ping("x", 0));

        var fields = Assert.Single(harness.LogLines()).Split('\t');
        Assert.Equal(4, fields.Length);
        Assert.True(DateTime.TryParseExact(fields[0], "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _), fields[0]);
        Assert.Equal(result.RequestId, fields[1]);
        Assert.Equal("INFO", fields[2]);
        Assert.Equal("alarm received alarm=HighCpu", fields[3]);
    }

    [Fact]
    public async Task JSON_lines_parse_and_carry_timestamp_level_request_id_trace_id_message_and_properties()
    {
        const string Trace = "Root=1-65a1b2c3-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1";
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                context.Logger.LogInformation("alarm received", new Dictionary<string, string> { ["alarm"] = "HighCpu", ["level"] = "ignored" });
                return Task.FromResult(new Pong(ping.Name, 0));
            },
            Json);

        var result = await harness.InvokeAsync(new Ping("x", 0), new InvocationOptions { TraceId = Trace });

        var line = Assert.Single(harness.JsonLogLines());
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, out _));
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal(result.RequestId, line.GetProperty("requestId").GetString());
        Assert.Equal(Trace, line.GetProperty("traceId").GetString());
        Assert.Equal("alarm received", line.GetProperty("message").GetString());
        Assert.Equal("HighCpu", line.GetProperty("alarm").GetString());
    }

    [Fact]
    public async Task The_log_format_setting_is_read_case_insensitively()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            LogEveryLevel, new Dictionary<string, string?> { ["AWS_LAMBDA_LOG_FORMAT"] = "json" });

        await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal(4, harness.JsonLogLines().Count);
        Assert.All(harness.Output.Lines, line => Assert.StartsWith("{", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, new[] { "INFO", "WARN", "ERROR", "FATAL" })]
    [InlineData("TRACE", new[] { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL" })]
    [InlineData("debug", new[] { "DEBUG", "INFO", "WARN", "ERROR", "FATAL" })]
    [InlineData("WARN", new[] { "WARN", "ERROR", "FATAL" })]
    [InlineData("FATAL", new[] { "FATAL" })]
    public async Task Lines_below_AWS_LAMBDA_LOG_LEVEL_are_dropped(string? level, string[] expected)
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            LogEveryLevel, new Dictionary<string, string?> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON", ["AWS_LAMBDA_LOG_LEVEL"] = level });

        await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal(expected, harness.JsonLogLines().Select(line => line.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task An_unknown_log_level_is_reported_and_INFO_is_used()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            LogEveryLevel, new Dictionary<string, string?> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON", ["AWS_LAMBDA_LOG_LEVEL"] = "VERBOSE" });

        await harness.InvokeAsync(new Ping("x", 0));

        var lines = harness.JsonLogLines();
        Assert.Contains("VERBOSE", lines[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("WARN", lines[0].GetProperty("level").GetString());
        Assert.Equal(["INFO", "WARN", "ERROR", "FATAL"], lines.Skip(1).Select(line => line.GetProperty("level").GetString()));
    }

    [Fact]
    public async Task Every_line_written_during_an_invocation_carries_its_request_id_including_the_runtime_s_own()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            async (ping, context) =>
            {
                context.Logger.LogInformation("before");
                await Task.Yield();
                context.Logger.LogWarning("after an await");
                return ping.Name == "fail" ? throw new InvalidOperationException("boom") : new Pong(ping.Name, 0);
            },
            Json);

        var ok = await harness.InvokeAsync(new Ping("ok", 0));
        var failed = await harness.InvokeAsync(new Ping("fail", 0));

        var byRequest = harness.JsonLogLines().GroupBy(line => line.GetProperty("requestId").GetString()).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.Equal([ok.RequestId, failed.RequestId], byRequest.Keys);
        Assert.Equal(2, byRequest[ok.RequestId].Count);
        var runtimeLine = Assert.Single(byRequest[failed.RequestId], line => line.GetProperty("level").GetString() == "ERROR");
        Assert.Equal("System.InvalidOperationException", runtimeLine.GetProperty("errorType").GetString());
        Assert.Equal("boom", runtimeLine.GetProperty("errorMessage").GetString());
        Assert.NotEmpty(runtimeLine.GetProperty("stackTrace").EnumerateArray());
    }

    [Fact]
    public async Task A_multi_line_text_message_stays_one_line()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            context.Logger.LogError("first\nsecond\r\nthird", new InvalidOperationException("with\nnewline"));
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("x", 0));

        var line = Assert.Single(harness.LogLines());
        Assert.Contains("first\rsecond\rthird", line, StringComparison.Ordinal);
        Assert.Contains("with\rnewline", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task A_multi_line_JSON_message_stays_one_line_and_parses_back_intact()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                context.Logger.LogInformation("first\nsecond\r\nthird \"quoted\" \u2713");
                return Task.FromResult(new Pong(ping.Name, 0));
            },
            Json);

        await harness.InvokeAsync(new Ping("x", 0));

        var line = Assert.Single(harness.JsonLogLines());
        Assert.Equal("first\nsecond\r\nthird \"quoted\" \u2713", line.GetProperty("message").GetString());
    }

    [Fact]
    public async Task IsEnabled_follows_the_configured_level()
    {
        var enabled = new List<bool>();
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                enabled.Add(context.Logger.IsEnabled(LambdaLogLevel.Information));
                enabled.Add(context.Logger.IsEnabled(LambdaLogLevel.Error));
                return Task.FromResult(new Pong(ping.Name, 0));
            },
            new Dictionary<string, string?> { ["AWS_LAMBDA_LOG_LEVEL"] = "ERROR" });

        await harness.InvokeAsync(new Ping("x", 0));

        Assert.Equal([false, true], enabled);
    }
}
