using EksOps.Diagnosis.Agent;
using EksOps.Tools;
using EksOps.Tools.Readers;

namespace EksOps.IncidentFlow;

/// <summary>
/// The composition of the flow: every step built from one set of dependencies, and the step router of each function.
/// The functions use it with dependencies from the environment (<c>IncidentFlowHost</c>); a local runner
/// (<c>eksops replay</c>) builds it with the in-memory store, a recording sink and the served scenario's registry, and
/// serves <see cref="Investigate"/>, <see cref="Remediate"/> and <see cref="Report"/> behind loopback Runtime APIs.
/// </summary>
/// <example>
/// <code>
/// var flow = new IncidentFlowServices(new IncidentFlowDependencies
/// {
///     Store = new InMemoryIncidentStore(clock), Events = new RecordingIncidentEventSink(),
///     Registry = registry, Kubernetes = kubeconfigClients, Time = clock,
/// });
/// await LambdaRuntime.RunAsync&lt;JsonObject, JsonObject&gt;(flow.Investigate.HandleAsync, IncidentFlowJsonContext.Default, options);
/// </code>
/// </example>
public sealed class IncidentFlowServices
{
    private readonly IncidentFlowDependencies _dependencies;
    private readonly Lazy<StepRouter> _investigate;
    private readonly Lazy<StepRouter> _remediate;
    private readonly Lazy<StepRouter> _report;

    /// <summary>Creates the composition; a step is built when its router is first asked for.</summary>
    /// <param name="dependencies">What the steps are built from.</param>
    public IncidentFlowServices(IncidentFlowDependencies dependencies)
    {
        _dependencies = dependencies ?? throw new ArgumentNullException(nameof(dependencies));
        _investigate = new(() => new StepRouter(nameof(IncidentFlowFunction.Investigate), [CreateDiagnose(), CreateAnalyze(), CreateVerify()]));
        _remediate = new(() => new StepRouter(nameof(IncidentFlowFunction.Remediate), [CreatePlan(), CreateApply(), CreateRollback()]));
        _report = new(() => new StepRouter(nameof(IncidentFlowFunction.Report), [CreateReport(), CreateEscalate()]));
    }

    /// <summary>What the steps are built from (a local runner reads its store and sink through it).</summary>
    public IncidentFlowDependencies Dependencies => _dependencies;

    /// <summary>The handler of <c>functions/Investigate</c>: <c>diagnose</c>, <c>analyze</c>, <c>verify</c>.</summary>
    /// <exception cref="InvalidOperationException">The dependencies have no registry.</exception>
    public StepRouter Investigate => _investigate.Value;

    /// <summary>The handler of <c>functions/Remediate</c>: <c>plan</c>, <c>apply</c>, <c>rollback</c>.</summary>
    /// <exception cref="InvalidOperationException">The dependencies have no registry or no Kubernetes clients.</exception>
    public StepRouter Remediate => _remediate.Value;

    /// <summary>The handler of <c>functions/Report</c>: <c>report</c>, <c>escalate</c>.</summary>
    public StepRouter Report => _report.Value;

    /// <summary>The router of one function.</summary>
    /// <param name="function">The function.</param>
    /// <returns>Its router.</returns>
    public StepRouter RouterFor(IncidentFlowFunction function) => function switch
    {
        IncidentFlowFunction.Investigate => Investigate,
        IncidentFlowFunction.Remediate => Remediate,
        IncidentFlowFunction.Report => Report,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a flow function"),
    };

    /// <summary>Builds <c>diagnose</c>.</summary>
    /// <returns>The step.</returns>
    public DiagnoseStep CreateDiagnose() => new(Registry(), _dependencies.Store, _dependencies.Time, _dependencies.Budget);

    /// <summary>Builds <c>analyze</c>; with a Bedrock client and a configured agent it asks the agent as <see cref="BedrockAnalystOptions.Mode"/> says.</summary>
    /// <returns>The step.</returns>
    public AnalyzeStep CreateAnalyze()
    {
        var registry = Registry();
        var options = _dependencies.AnalystOptions;
        // The analyst's clock measures the agent run and bounds it; it is wall time even when the incident clock is a scenario's.
        var analyst = _dependencies.Bedrock is { } client && options.AgentConfigured ? new BedrockAnalyst(client, registry, options, TimeProvider.System) : null;
        return new AnalyzeStep(registry, _dependencies.Store, _dependencies.Time, analyst, options.Mode, _dependencies.Budget);
    }

    /// <summary>Builds <c>verify</c>.</summary>
    /// <returns>The step.</returns>
    public VerifyStep CreateVerify() => new(Registry(), _dependencies.Store, _dependencies.Time, _dependencies.Budget);

    /// <summary>Builds <c>plan</c>.</summary>
    /// <returns>The step.</returns>
    public PlanStep CreatePlan() => new(Registry(), Kubernetes(), _dependencies.Store, _dependencies.Time, _dependencies.Options);

    /// <summary>Builds <c>apply</c>.</summary>
    /// <returns>The step.</returns>
    public ApplyStep CreateApply() => new(Registry(), Kubernetes(), _dependencies.Store, _dependencies.Events, _dependencies.Time);

    /// <summary>Builds <c>rollback</c>.</summary>
    /// <returns>The step.</returns>
    public RollbackStep CreateRollback() => new(Registry(), Kubernetes(), _dependencies.Store, _dependencies.Time);

    /// <summary>Builds <c>report</c>.</summary>
    /// <returns>The step.</returns>
    public ReportStep CreateReport() => new(_dependencies.Store, _dependencies.Events, _dependencies.Time);

    /// <summary>Builds <c>escalate</c>.</summary>
    /// <returns>The step.</returns>
    public EscalateStep CreateEscalate() => new(_dependencies.Store, _dependencies.Events, _dependencies.Time);

    private ToolRegistry Registry() =>
        _dependencies.Registry ?? throw new InvalidOperationException("the Investigate and Remediate steps need a tool registry (IncidentFlowDependencies.Registry)");

    private IKubernetesClientFactory Kubernetes() =>
        _dependencies.Kubernetes ?? throw new InvalidOperationException("the Remediate steps need the Kubernetes clients execute_runbook writes with (IncidentFlowDependencies.Kubernetes)");
}
