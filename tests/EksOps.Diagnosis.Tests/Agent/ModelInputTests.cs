using System.Text;
using System.Text.Json.Nodes;
using EksOps.Diagnosis.Agent;
using EksOps.Lambda.Testing;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>What reaches the model: the digest redacted by the registry's redactor, and never more than the input cap.</summary>
public sealed class ModelInputTests(ServedIncident served) : IClassFixture<ServedIncident>
{
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Password = "hunter2-Sup3rS3cret";

    [Fact]
    public async Task A_secret_in_the_evidence_never_reaches_the_request_body()
    {
        var digest = JsonNode.Parse(served.Deterministic.Digest)!;
        digest["alarm"]!["description"] = $"checkout restarts; db url postgres://app:{Password}@db.shop:5432/orders, key {AccessKeyId}";
        var leaky = served.Deterministic with
        {
            Digest = digest.ToJsonString(),
            Evidence = [.. served.Deterministic.Evidence, new EvidenceRecord { Id = "E900", Tool = "get_pod_logs", Arguments = "{}", Outcome = "Success", Bytes = 10, Purpose = $"logs with password={Password}" }],
        };
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always), AgentTurns.Final("no answer"));

        await agent.Analyst.DecideAsync(leaky, served.Request(new TestMetrics()));

        var body = Encoding.UTF8.GetString(Assert.Single(agent.Fake.Requests).Body);
        Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKeyId, body, StringComparison.Ordinal);
        var input = AgentTurns.InputText(agent.Fake.Requests[0])!;
        Assert.Contains("[REDACTED:", input, StringComparison.Ordinal);
        Assert.Contains("db.shop", input, StringComparison.Ordinal); // the rest of the description is kept
        Assert.Contains("\"E900\"", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_digest_is_cut_to_the_cap_and_the_input_says_so()
    {
        var many = Enumerable.Range(1, 400).Select(i => new EvidenceRecord
        {
            Id = $"E{1000 + i}", Tool = "get_k8s_events", Arguments = "{}", Outcome = "Success", Bytes = 100,
            Purpose = $"events of namespace shop, page {i}: " + new string('x', 120),
        });
        var large = served.Deterministic with { Evidence = [.. served.Deterministic.Evidence, .. many] };
        var options = AgentHarness.Options(AnalystMode.Always) with { MaxInputBytes = BedrockAnalystOptions.MinInputBytes };
        await using var agent = AgentHarness.Script(served.Registry, options, AgentTurns.Final("no answer"));

        var outcome = await agent.Analyst.DecideAsync(large, served.Request(new TestMetrics()));

        var input = AgentTurns.InputText(Assert.Single(agent.Fake.Requests))!;
        Assert.True(Encoding.UTF8.GetByteCount(input) <= BedrockAnalystOptions.MinInputBytes, $"{Encoding.UTF8.GetByteCount(input)} bytes");
        Assert.Equal(Encoding.UTF8.GetByteCount(input), outcome.InputBytes);
        Assert.True(outcome.InputTruncated);
        Assert.Contains("It was cut to fit the input cap", input, StringComparison.Ordinal);
        Assert.Contains("_truncated", input, StringComparison.Ordinal);
        Assert.Contains("```json", input, StringComparison.Ordinal); // the answer format survives the cut
    }

    [Fact]
    public async Task A_digest_within_the_cap_is_sent_whole()
    {
        await using var agent = AgentHarness.Script(served.Registry, AgentHarness.Options(AnalystMode.Always), AgentTurns.Final("no answer"));

        var outcome = await agent.Analyst.DecideAsync(served.Deterministic, served.Request(new TestMetrics()));

        var input = AgentTurns.InputText(Assert.Single(agent.Fake.Requests))!;
        Assert.False(outcome.InputTruncated);
        Assert.DoesNotContain("_truncated", input, StringComparison.Ordinal);
        Assert.All(served.Deterministic.Findings.Take(25), f => Assert.Contains($"\"{f.Id}\"", input, StringComparison.Ordinal));
        Assert.Contains(served.Deterministic.AlarmName, input, StringComparison.Ordinal);
    }
}
