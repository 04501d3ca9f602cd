using EksOps.Diagnosis.Analysis;
using EksOps.Diagnosis.Analyzers;
using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;
using EksOps.Diagnosis.Resolution;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.Diagnosis;

/// <summary>
/// The deterministic diagnosis: from an alarm to its subject (Container Insights dimensions, target groups, composite
/// children, nodes, or the whole cluster), evidence read through the tool registry's read tools within a budget,
/// analyzer findings, ranked root-cause hypotheses and a catalogue remediation with the default policy's approval answer.
/// </summary>
/// <param name="registry">The tool registry with the read tools bound (the same one agents call).</param>
/// <param name="budget">The evidence budget; <see cref="DiagnosisBudget.FromEnvironment"/> when <see langword="null"/>.</param>
public sealed class Diagnoser(ToolRegistry registry, DiagnosisBudget? budget = null)
{
    private static readonly IAnalyzer[] Analyzers =
    [
        new PodStatusAnalyzer(), new SchedulingAnalyzer(), new ProbeAnalyzer(), new WorkloadAnalyzer(), new QuotaAnalyzer(), new VolumeAnalyzer(),
        new ServiceAnalyzer(), new NodeAnalyzer(), new AutoscalerAnalyzer(), new JobAnalyzer(), new LogAnalyzer(), new RolloutAnalyzer(),
        new MetricAnalyzer(), new ClusterDnsAnalyzer(),
    ];

    private readonly DiagnosisBudget _budget = budget ?? DiagnosisBudget.FromEnvironment();

    /// <summary>The names of the analyzers every diagnosis runs, in order.</summary>
    public static IReadOnlyList<string> AnalyzerNames { get; } = [.. Analyzers.Select(a => a.Name)];

    /// <summary>Diagnoses one alarm. Tool failures and an exhausted budget do not throw: the analysis runs on what could be read.</summary>
    /// <param name="request">The alarm and the call context.</param>
    /// <returns>The diagnosis.</returns>
    /// <exception cref="OperationCanceledException">The request's token was cancelled.</exception>
    public async Task<DiagnosisResult> DiagnoseAsync(DiagnosisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alarm = request.Alarm;
        var clusterName = request.ClusterName
            ?? AlarmSignals.FromAlarm(alarm).Select(s => s.Dimension("ClusterName")).FirstOrDefault(n => n is not null)
            ?? registry.Clusters.DefaultCluster?.Name
            ?? string.Empty;
        // An unknown cluster gets the strictest policy; every read then fails and the answer is an honest unknown.
        var environment = registry.Clusters.TryResolve(clusterName, out var cluster) ? cluster.Environment : ClusterEnvironment.Production;
        var now = request.Now ?? alarm.State.Timestamp;
        var snapshot = new ClusterSnapshot(now, AlarmSignals.IncidentStart(alarm));
        var collector = new EvidenceCollector(registry, request, clusterName, _budget);
        var scope = await new Investigation(new ClusterReader(collector, snapshot, clusterName)).RunAsync(alarm).ConfigureAwait(false);
        request.CancellationToken.ThrowIfCancellationRequested();

        var findings = Analyze(snapshot);
        var hypotheses = new Analyst(scope, findings).Rank();
        var decided = hypotheses.FirstOrDefault(h => h.Confidence >= Analyst.ConclusionThreshold);
        var cause = decided?.RootCause ?? RootCause.Unknown;
        var subject = decided?.Subject ?? scope.Primary;
        var regression = findings.Any(f => f.Kind == FindingKind.RolloutRegression && f.About == subject);
        var autoscaled = snapshot.OfKind("HorizontalPodAutoscaler", subject.Namespace)
            .Any(h => JsonFields.Str(h.Object, "spec", "scaleTargetRef", "name") == subject.Name && JsonFields.Str(h.Object, "spec", "scaleTargetRef", "kind") == subject.Kind);
        var proposal = RemediationPlanner.Plan(cause, subject, regression, autoscaled, environment);
        var confidence = decided?.Confidence ?? (findings.Count == 0 ? 0.0 : (hypotheses.Count > 0 ? hypotheses[0].Confidence : 0.0));
        var usage = collector.Usage();
        return new DiagnosisResult
        {
            AlarmName = alarm.AlarmName,
            ClusterName = clusterName,
            Environment = environment,
            RootCause = cause,
            Confidence = confidence,
            Subject = subject,
            AlarmSubject = scope.AlarmSubject,
            Hypotheses = hypotheses,
            Findings = findings,
            Proposal = proposal,
            Summary = Report.Summary(alarm, cause, confidence, subject, decided, hypotheses, findings, proposal, scope),
            DecisionReason = decided is null
                ? "deterministic: no hypothesis reached the conclusion threshold; escalating with the findings"
                : $"deterministic: {decided.RootCause.Id()} ranked first with confidence {decided.Confidence:0.00}",
            Evidence = collector.Records,
            Budget = usage,
            Digest = Report.Digest(alarm, clusterName, environment, scope.AlarmSubject, cause, confidence, subject, hypotheses, findings, proposal, scope, usage),
        };
    }

    /// <summary>Runs every analyzer and numbers the findings <c>F1</c>, <c>F2</c>….</summary>
    internal static IReadOnlyList<Finding> Analyze(ClusterSnapshot snapshot) =>
        [.. Analyzers.SelectMany(a => a.Analyze(snapshot)).Select((f, i) => f with { Id = "F" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })];
}
