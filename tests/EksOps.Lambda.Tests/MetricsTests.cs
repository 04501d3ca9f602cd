using EksOps.Lambda.Metrics;
using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

public sealed class MetricsTests
{
    private static readonly Dictionary<string, string?> Namespaced = new()
    {
        ["EKSOPS_METRICS_NAMESPACE"] = "EksOps/Test",
        ["EKSOPS_SERVICE_NAME"] = "alarm-ingest",
    };

    private static JsonElement Directive(JsonElement document) => document.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];

    private static string?[][] DimensionSets(JsonElement document) =>
        [.. Directive(document).GetProperty("Dimensions").EnumerateArray().Select(set => set.EnumerateArray().Select(d => d.GetString()).ToArray())];

    private static bool IsColdStart(JsonElement document) => document.TryGetProperty("ColdStart", out _);

    [Fact]
    public async Task Each_invocation_writes_one_EMF_document_with_its_metrics_dimensions_and_metadata()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                context.Metrics.AddMetric("AlarmsIngested", ping.Count);
                context.Metrics.AddMetric("IngestLatency", 12.5, MetricUnit.Milliseconds);
                context.Metrics.AddMetric("IngestLatency", 7.25, MetricUnit.Milliseconds);
                if (ping.Name == "first")
                {
                    context.Metrics.AddDimension("Cluster", "prod-eu");
                }

                context.Metrics.AddMetadata("incidentId", $"inc-{ping.Count}");
                return Task.FromResult(new Pong(ping.Name, 0));
            },
            Namespaced);

        var first = await harness.InvokeAsync(new Ping("first", 3));
        var second = await harness.InvokeAsync(new Ping("second", 5));

        var documents = harness.EmfDocuments().Where(d => !IsColdStart(d)).ToList();
        Assert.Equal(2, documents.Count);
        var (one, two) = (documents[0], documents[1]);

        var timestamp = one.GetProperty("_aws").GetProperty("Timestamp");
        Assert.Equal(JsonValueKind.Number, timestamp.ValueKind);
        Assert.True(timestamp.TryGetInt64(out var milliseconds) && milliseconds > 0, timestamp.GetRawText());
        Assert.Equal("EksOps/Test", Directive(one).GetProperty("Namespace").GetString());
        Assert.Equal([["Service", "Cluster"]], DimensionSets(one));
        Assert.Equal(
            [("AlarmsIngested", "Count"), ("IngestLatency", "Milliseconds")],
            Directive(one).GetProperty("Metrics").EnumerateArray().Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString())));
        Assert.Equal("alarm-ingest", one.GetProperty("Service").GetString());
        Assert.Equal("prod-eu", one.GetProperty("Cluster").GetString());
        Assert.Equal(3, one.GetProperty("AlarmsIngested").GetDouble());
        Assert.Equal([12.5, 7.25], one.GetProperty("IngestLatency").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("inc-3", one.GetProperty("incidentId").GetString());
        Assert.Equal(first.RequestId, one.GetProperty("requestId").GetString());

        // Dimensions and metadata belong to one invocation.
        Assert.Equal([["Service"]], DimensionSets(two));
        Assert.False(two.TryGetProperty("Cluster", out _));
        Assert.Equal("inc-5", two.GetProperty("incidentId").GetString());
        Assert.Equal(second.RequestId, two.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Pushed_metrics_are_written_at_once_in_documents_of_their_own_dimensions()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                context.Metrics.AddDimension("Cluster", "prod-eu");
                foreach (var tool in new[] { "get_pod_logs", "get_k8s_events" })
                {
                    context.Metrics.PushMetrics(
                        [new("Tool", tool)],
                        [new MetricValue("ToolInvocations", 1), new MetricValue("ToolLatency", 4.5, MetricUnit.Milliseconds)]);
                }

                context.Metrics.AddMetric("AlarmsIngested", ping.Count);
                return Task.FromResult(new Pong(ping.Name, 0));
            },
            Namespaced);

        var invocation = await harness.InvokeAsync(new Ping("first", 3));

        var documents = harness.EmfDocuments().Where(d => !IsColdStart(d)).ToList();
        Assert.Equal(3, documents.Count);
        var (logs, events, invocationDocument) = (documents[0], documents[1], documents[2]);
        Assert.Equal([["Service", "Tool"]], DimensionSets(logs));
        Assert.Equal("get_pod_logs", logs.GetProperty("Tool").GetString());
        Assert.Equal("get_k8s_events", events.GetProperty("Tool").GetString());
        Assert.False(logs.TryGetProperty("Cluster", out _));
        Assert.Equal(1, logs.GetProperty("ToolInvocations").GetDouble());
        Assert.Equal(
            [("ToolInvocations", "Count"), ("ToolLatency", "Milliseconds")],
            Directive(events).GetProperty("Metrics").EnumerateArray().Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString())));
        Assert.Equal(invocation.RequestId, events.GetProperty("requestId").GetString());
        Assert.Equal([["Service", "Cluster"]], DimensionSets(invocationDocument));
        Assert.False(invocationDocument.TryGetProperty("ToolInvocations", out _));
    }

    [Theory]
    [InlineData("Service", "x", "ToolInvocations", 1.0)]
    [InlineData("Tool", "", "ToolInvocations", 1.0)]
    [InlineData("Tool", "a", "Tool", 1.0)]
    [InlineData("Tool", "a", "ToolInvocations", double.NaN)]
    public async Task A_pushed_document_that_breaks_the_EMF_rules_is_refused_and_the_invocation_goes_on(string dimension, string value, string metric, double number)
    {
        string? error = null;
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                try
                {
                    context.Metrics.PushMetrics([new(dimension, value)], [new MetricValue(metric, number)]);
                }
                catch (ArgumentException e)
                {
                    error = e.Message;
                }

                return Task.FromResult(new Pong(ping.Name, 0));
            },
            Namespaced);

        var result = await harness.InvokeAsync(new Ping("a", 0));

        Assert.False(result.IsError);
        Assert.NotNull(error);
        Assert.DoesNotContain(harness.EmfDocuments(), d => d.TryGetProperty(metric, out _) && !IsColdStart(d));
    }

    [Fact]
    public async Task A_ColdStart_document_is_written_on_the_first_invocation_only()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, _) => Task.FromResult(new Pong(ping.Name, 0)));

        var first = await harness.InvokeAsync(new Ping("a", 0));
        await harness.InvokeAsync(new Ping("b", 0));
        await harness.InvokeAsync(new Ping("c", 0));

        var coldStart = Assert.Single(harness.EmfDocuments());
        Assert.Equal(1, coldStart.GetProperty("ColdStart").GetInt32());
        Assert.Equal([["FunctionName", "Service"]], DimensionSets(coldStart));
        Assert.Equal(RuntimeHarness.FunctionName, coldStart.GetProperty("FunctionName").GetString());
        Assert.Equal(RuntimeHarness.FunctionName, coldStart.GetProperty("Service").GetString());
        Assert.Equal("EksOps", Directive(coldStart).GetProperty("Namespace").GetString());
        Assert.Equal(first.RequestId, coldStart.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Nothing_is_written_for_an_invocation_that_added_no_metric()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            context.Metrics.AddDimension("Cluster", "prod");
            context.Metrics.AddMetadata("note", "no metric");
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));
        await harness.InvokeAsync(new Ping("b", 0));

        Assert.All(harness.EmfDocuments(), document => Assert.True(IsColdStart(document)));
        Assert.Single(harness.EmfDocuments());
    }

    [Fact]
    public async Task EKSOPS_METRICS_DISABLED_writes_no_EMF_at_all()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>(
            (ping, context) =>
            {
                context.Metrics.AddMetric("AlarmsIngested", 1);
                return Task.FromResult(new Pong(ping.Name, 0));
            },
            new Dictionary<string, string?> { ["EKSOPS_METRICS_DISABLED"] = "TRUE" });

        var result = await harness.InvokeAsync(new Ping("a", 0));

        Assert.False(result.IsError);
        Assert.Empty(harness.EmfDocuments());
    }

    [Fact]
    public async Task The_Service_dimension_defaults_to_the_function_name()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            context.Metrics.AddMetric("Runs", 1);
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));

        var document = Assert.Single(harness.EmfDocuments(), d => !IsColdStart(d));
        Assert.Equal(RuntimeHarness.FunctionName, document.GetProperty("Service").GetString());
    }

    [Fact]
    public async Task Metrics_recorded_before_a_handler_fails_are_still_written()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((_, context) =>
        {
            context.Metrics.AddMetric("Attempts", 1);
            throw new InvalidOperationException("failed after counting");
        });

        var result = await harness.InvokeAsync(new Ping("a", 0));

        Assert.True(result.IsError);
        var document = Assert.Single(harness.EmfDocuments(), d => !IsColdStart(d));
        Assert.Equal(1, document.GetProperty("Attempts").GetDouble());
        Assert.Equal(result.RequestId, document.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task A_high_resolution_metric_declares_StorageResolution_1_and_compound_units_are_spelled_as_EMF_spells_them()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            context.Metrics.AddMetric("Throughput", 3, MetricUnit.CountPerSecond, MetricResolution.High);
            context.Metrics.AddMetric("Payload", 1024, MetricUnit.Bytes);
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));

        var metrics = Directive(Assert.Single(harness.EmfDocuments(), d => !IsColdStart(d))).GetProperty("Metrics");
        Assert.Equal("Count/Second", metrics[0].GetProperty("Unit").GetString());
        Assert.Equal(1, metrics[0].GetProperty("StorageResolution").GetInt32());
        Assert.Equal("Bytes", metrics[1].GetProperty("Unit").GetString());
        Assert.False(metrics[1].TryGetProperty("StorageResolution", out _));
    }

    public static TheoryData<MetricUnit, string> Units => new()
    {
        { MetricUnit.None, "None" },
        { MetricUnit.Count, "Count" },
        { MetricUnit.CountPerSecond, "Count/Second" },
        { MetricUnit.Percent, "Percent" },
        { MetricUnit.Seconds, "Seconds" },
        { MetricUnit.Milliseconds, "Milliseconds" },
        { MetricUnit.Microseconds, "Microseconds" },
        { MetricUnit.Bytes, "Bytes" },
        { MetricUnit.Kilobytes, "Kilobytes" },
        { MetricUnit.Megabytes, "Megabytes" },
        { MetricUnit.Gigabytes, "Gigabytes" },
        { MetricUnit.Terabytes, "Terabytes" },
        { MetricUnit.Bits, "Bits" },
        { MetricUnit.Kilobits, "Kilobits" },
        { MetricUnit.Megabits, "Megabits" },
        { MetricUnit.Gigabits, "Gigabits" },
        { MetricUnit.Terabits, "Terabits" },
        { MetricUnit.BytesPerSecond, "Bytes/Second" },
        { MetricUnit.KilobytesPerSecond, "Kilobytes/Second" },
        { MetricUnit.MegabytesPerSecond, "Megabytes/Second" },
        { MetricUnit.GigabytesPerSecond, "Gigabytes/Second" },
        { MetricUnit.TerabytesPerSecond, "Terabytes/Second" },
        { MetricUnit.BitsPerSecond, "Bits/Second" },
        { MetricUnit.KilobitsPerSecond, "Kilobits/Second" },
        { MetricUnit.MegabitsPerSecond, "Megabits/Second" },
        { MetricUnit.GigabitsPerSecond, "Gigabits/Second" },
        { MetricUnit.TerabitsPerSecond, "Terabits/Second" },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void Every_unit_is_spelled_as_CloudWatch_EMF_spells_it(MetricUnit unit, string expected) =>
        Assert.Equal(expected, EmfMetrics.UnitName(unit));

    [Fact]
    public void The_unit_table_covers_every_MetricUnit() =>
        Assert.Equal(Enum.GetValues<MetricUnit>().Length, Units.Count);

    [Fact]
    public async Task The_101st_value_of_a_metric_flushes_the_first_100_as_their_own_document()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            for (var i = 0; i < 150; i++)
            {
                context.Metrics.AddMetric("PodsScanned", i);
            }

            return Task.FromResult(new Pong(ping.Name, 0));
        });

        var result = await harness.InvokeAsync(new Ping("a", 0));

        var documents = harness.EmfDocuments().Where(d => !IsColdStart(d)).ToList();
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Equal(result.RequestId, d.GetProperty("requestId").GetString()));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), documents[0].GetProperty("PodsScanned").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(Enumerable.Range(100, 50).Select(i => (double)i), documents[1].GetProperty("PodsScanned").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task The_101st_distinct_metric_flushes_the_first_100_as_their_own_document()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            for (var i = 0; i < 101; i++)
            {
                context.Metrics.AddMetric($"M{i:D3}", i);
            }

            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));

        var documents = harness.EmfDocuments().Where(d => !IsColdStart(d)).ToList();
        Assert.Equal([100, 1], documents.Select(d => Directive(d).GetProperty("Metrics").GetArrayLength()));
        Assert.Equal(100, documents[1].GetProperty("M100").GetDouble());
    }

    [Fact]
    public async Task The_31st_dimension_counting_Service_is_an_ArgumentException()
    {
        Exception? rejected = null;
        var accepted = 0;
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            try
            {
                for (var i = 1; i <= 30; i++)
                {
                    context.Metrics.AddDimension($"D{i:D2}", "v");
                    accepted++;
                }
            }
            catch (ArgumentException exception)
            {
                rejected = exception;
            }

            context.Metrics.AddMetric("Runs", 1);
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));

        Assert.Equal(29, accepted);
        Assert.IsType<ArgumentException>(rejected);
        var document = Assert.Single(harness.EmfDocuments(), d => !IsColdStart(d));
        Assert.Equal(30, Assert.Single(DimensionSets(document)).Length);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task A_value_that_is_not_a_finite_number_is_rejected_and_not_written(double value)
    {
        Exception? rejected = null;
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            rejected = Record.Exception(() => context.Metrics.AddMetric("Ratio", value, MetricUnit.Percent));
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));

        Assert.Equal("value", Assert.IsType<ArgumentException>(rejected).ParamName);
        Assert.DoesNotContain(harness.EmfDocuments(), d => !IsColdStart(d));
    }

    [Fact]
    public async Task A_metric_recorded_in_two_units_is_rejected()
    {
        Exception? rejected = null;
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            context.Metrics.AddMetric("Latency", 1, MetricUnit.Milliseconds);
            rejected = Record.Exception(() => context.Metrics.AddMetric("Latency", 1, MetricUnit.Seconds));
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));

        Assert.Equal("unit", Assert.IsType<ArgumentException>(rejected).ParamName);
    }

    [Fact]
    public async Task A_key_cannot_be_both_a_metric_a_dimension_and_metadata()
    {
        var rejected = new List<string?>();
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, context) =>
        {
            context.Metrics.AddMetric("Restarts", 2);
            context.Metrics.AddDimension("Cluster", "prod");
            context.Metrics.AddMetadata("incidentId", "inc-9");
            rejected.Add((Record.Exception(() => context.Metrics.AddDimension("Restarts", "x")) as ArgumentException)?.ParamName);
            rejected.Add((Record.Exception(() => context.Metrics.AddMetadata("Cluster", "x")) as ArgumentException)?.ParamName);
            rejected.Add((Record.Exception(() => context.Metrics.AddDimension("incidentId", "x")) as ArgumentException)?.ParamName);
            rejected.Add((Record.Exception(() => context.Metrics.AddMetric("Service", 1)) as ArgumentException)?.ParamName);
            context.Metrics.AddDimension("Cluster", "staging"); // re-setting a dimension is fine
            return Task.FromResult(new Pong(ping.Name, 0));
        });

        await harness.InvokeAsync(new Ping("a", 0));

        Assert.Equal(["name", "key", "name", "name"], rejected);
        var document = Assert.Single(harness.EmfDocuments(), d => !IsColdStart(d));
        Assert.Equal("staging", document.GetProperty("Cluster").GetString());
        Assert.Equal("inc-9", document.GetProperty("incidentId").GetString());
    }
}
