using System.Text.Json;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.EventBridge;

[Collection(MotoGroup.Name)]
public sealed class MotoEventBridgeTests(IntegratedMotoServer moto)
{
    private static EventEntry Entry(int n, string source) => new()
    {
        Source = source,
        DetailType = "Remediation Completed",
        Detail = $$"""{"n":{{n}},"cluster":"prod"}""",
        Resources = ["arn:aws:eks:us-east-1:123456789012:cluster/prod"],
        Time = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task Twelve_events_go_out_in_two_calls_and_all_reach_a_rule_target()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();
        var ct = TestContext.Current.CancellationToken;
        var (queueUrl, queueArn) = await MotoJson.CreateQueueAsync(pipeline, "eksops-events");
        await MotoJson.CallAsync(pipeline, EventBridgeClient.Service, "PutRule",
            """{"Name":"eksops-remediation","EventPattern":"{\"source\":[\"eksops.moto-twelve\"]}","State":"ENABLED"}""");
        await MotoJson.CallAsync(pipeline, EventBridgeClient.Service, "PutTargets",
            $$"""{"Rule":"eksops-remediation","Targets":[{"Id":"queue","Arn":"{{queueArn}}"}]}""");

        var result = await new EventBridgeClient(pipeline).PutEventsAsync([.. Enumerable.Range(0, 12).Select(n => Entry(n, "eksops.moto-twelve"))], ct);

        Assert.True(result.AllSucceeded);
        Assert.Equal(2, result.Requests);
        Assert.Equal(12, result.Entries.Select(e => e.EventId).Distinct().Count());
        var delivered = (await MotoJson.ReceiveAsync(pipeline, queueUrl, count: 12)).Select(body => JsonDocument.Parse(body).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, 12), delivered.Select(e => e.GetProperty("detail").GetProperty("n").GetInt32()).Order());
        Assert.All(delivered, e =>
        {
            Assert.Equal("eksops.moto-twelve", e.GetProperty("source").GetString());
            Assert.Equal("Remediation Completed", e.GetProperty("detail-type").GetString());
            Assert.Equal("arn:aws:eks:us-east-1:123456789012:cluster/prod", e.GetProperty("resources")[0].GetString());
        });
        Assert.Equal(result.Entries.Select(e => e.EventId).Order(), delivered.Select(e => e.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task A_malformed_detail_fails_only_its_entry_and_is_not_retried()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();

        var result = await new EventBridgeClient(pipeline).PutEventsAsync(
            [Entry(0, "eksops.moto-partial"), Entry(1, "eksops.moto-partial") with { Detail = "not json" }, Entry(2, "eksops.moto-partial")],
            TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Requests);
        var failed = Assert.Single(result.Failed);
        Assert.Equal(1, failed.Index);
        Assert.Equal("MalformedDetail", failed.ErrorCode);
        Assert.Equal(1, failed.Attempts);
        Assert.True(result.Entries[0].Succeeded);
        Assert.True(result.Entries[2].Succeeded);
    }

    [Fact]
    public async Task A_wrong_secret_fails_every_entry_with_the_signature_error()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(secret: "not-the-secret-moto-issued");

        var result = await new EventBridgeClient(pipeline).PutEventsAsync(
            [Entry(0, "eksops.moto-denied"), Entry(1, "eksops.moto-denied")], TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Requests);
        Assert.Equal(2, result.FailedCount);
        Assert.All(result.Failed, e => Assert.Equal("SignatureDoesNotMatch", e.ErrorCode));
    }
}
