using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Aws.Http;
using EksOps.Diagnosis.Agent;
using EksOps.Testing.Bedrock;
using EksOps.Tools;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>A <see cref="BedrockAnalyst"/> whose Bedrock Agent Runtime is the loopback fake, answering from a script.</summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private readonly AwsHttpPipeline _pipeline;

    private AgentHarness(FakeBedrockAgentRuntime fake, AwsHttpPipeline pipeline, BedrockAnalyst analyst, RecordingTimeProvider clock)
    {
        Fake = fake;
        _pipeline = pipeline;
        Analyst = analyst;
        Clock = clock;
    }

    public FakeBedrockAgentRuntime Fake { get; }

    public BedrockAnalyst Analyst { get; }

    /// <summary>The pipeline's clock: every retry backoff it waited.</summary>
    public RecordingTimeProvider Clock { get; }

    public static BedrockAnalystOptions Options(AnalystMode mode = AnalystMode.Auto) =>
        new() { AgentId = AgentTurns.AgentId, AgentAliasId = AgentTurns.AliasId, Mode = mode };

    public static AgentHarness Start(ToolRegistry registry, Func<AgentRequest, int, AgentReply> script, BedrockAnalystOptions? options = null)
    {
        var fake = FakeBedrockAgentRuntime.Start(script);
        var clock = new RecordingTimeProvider();
        var pipeline = fake.Pipeline(o => o.TimeProvider = clock);
        return new AgentHarness(fake, pipeline, new BedrockAnalyst(new BedrockAgentRuntimeClient(pipeline), registry, options ?? Options()), clock);
    }

    public static AgentHarness Script(ToolRegistry registry, BedrockAnalystOptions? options, params AgentReply[] replies) =>
        Start(registry, (_, n) => replies[Math.Min(n, replies.Length - 1)], options);

    public async ValueTask DisposeAsync()
    {
        _pipeline.Dispose();
        await Fake.DisposeAsync();
    }
}
