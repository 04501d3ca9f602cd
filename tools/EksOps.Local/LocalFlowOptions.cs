using System.Text.Json.Nodes;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Diagnosis.Agent;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Lambda;
using EksOps.Tools;
using EksOps.Tools.Readers;

namespace EksOps.Local;

/// <summary>How <see cref="LocalIncidentFlow"/> runs an incident.</summary>
public sealed record LocalFlowOptions
{
    /// <summary>How approval requests are answered.</summary>
    public ApprovalMode Approve { get; init; } = ApprovalMode.Auto;

    /// <summary>With <see cref="ApprovalMode.Ask"/>: shown the <c>Approval Requested</c> detail, answers whether to approve.</summary>
    public Func<JsonObject, CancellationToken, Task<bool>>? AskApprover { get; init; }

    /// <summary>How long an approval request waits (the execution's <c>settings.approvalTimeoutSeconds</c>).</summary>
    public int ApprovalTimeoutSeconds { get; init; } = 300;

    /// <summary>How long the flow waits after applying before it verifies (<c>settings.verifyWaitSeconds</c>).</summary>
    public int VerifyWaitSeconds { get; init; } = 1;

    /// <summary>The tool policy; the approval key is generated for the replay.</summary>
    public ToolPolicyOptions Policy { get; init; } = new();

    /// <summary>The Bedrock Agent Runtime client the analyze step invokes the agent with; none keeps the analysis deterministic.</summary>
    public BedrockAgentRuntimeClient? Bedrock { get; init; }

    /// <summary>When and how the agent decides (its mode, agent and alias ids); deterministic by default.</summary>
    public BedrockAnalystOptions AnalystOptions { get; init; } = new() { Mode = AnalystMode.Deterministic };

    /// <summary>Sees every execution history event as it happens (progress output).</summary>
    public Action<ExecutionHistoryEvent>? Observer { get; init; }

    /// <summary>Where the functions' log lines and metrics go.</summary>
    public Stream FunctionLog { get; init; } = Stream.Null;

    /// <summary>Wraps each Lambda task (fault injection); see <see cref="LocalFunctionInvoker.Intercept"/>.</summary>
    public Func<LambdaInvocationRequest, Func<Task<LambdaInvocationResult>>, Task<LambdaInvocationResult>>? Intercept { get; init; }

    /// <summary>The Kubernetes clients the functions use; the served scenario's by default (fault injection in tests).</summary>
    public IKubernetesClientFactory? KubernetesClients { get; init; }

    /// <summary>The clock the state machine waits on (Wait states, retry backoff, task timeouts); tests compress it.</summary>
    public TimeProvider StepFunctionsTime { get; init; } = TimeProvider.System;
}
