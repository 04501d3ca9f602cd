using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Diagnosis;
using EksOps.Diagnosis.Agent;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Tools;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow;

/// <summary>
/// What the flow's steps are built from. The store and the event sink are needed by every function; the registry by
/// Investigate and Remediate; the Kubernetes clients by Remediate; the Bedrock client only by Investigate's model path.
/// </summary>
public sealed record IncidentFlowDependencies
{
    /// <summary>The incident store (DynamoDB in AWS, <see cref="InMemoryIncidentStore"/> locally).</summary>
    public required IIncidentStore Store { get; init; }

    /// <summary>Where the flow's events go (EventBridge in AWS, a recording sink locally).</summary>
    public required IIncidentEventSink Events { get; init; }

    /// <summary>The tool registry with the read tools bound; its clusters and policy also govern every write.</summary>
    public ToolRegistry? Registry { get; init; }

    /// <summary>The Kubernetes clients <c>execute_runbook</c> plans and writes with (the ones the registry's read tools use).</summary>
    public IKubernetesClientFactory? Kubernetes { get; init; }

    /// <summary>The Bedrock Agent Runtime client; <see langword="null"/> for deterministic analysis only.</summary>
    public BedrockAgentRuntimeClient? Bedrock { get; init; }

    /// <summary>The analyst's agent, routing and bounds (<see cref="BedrockAnalystOptions.FromEnvironment"/> in AWS).</summary>
    public BedrockAnalystOptions AnalystOptions { get; init; } = new();

    /// <summary>The evidence budget of diagnoses; <see cref="DiagnosisBudget.FromEnvironment"/> when <see langword="null"/>.</summary>
    public DiagnosisBudget? Budget { get; init; }

    /// <summary>The flow's settings.</summary>
    public IncidentFlowOptions Options { get; init; } = new();

    /// <summary>The clock: the investigation's "now" and every timeline time (a scenario's clock in replays).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
