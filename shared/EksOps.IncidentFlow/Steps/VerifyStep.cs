using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Diagnosis;
using EksOps.IncidentFlow.Internal;
using EksOps.IncidentFlow.Remediation;
using EksOps.Incidents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>verify</c> (Investigate): after the change had time to roll out, re-reads the alarm's state (DescribeAlarms
/// through the registry's <c>get_alarm</c>), checks that the target still carries the change, and runs the diagnosis
/// again on the same alarm; writes the <c>verification</c> entry.
/// </summary>
/// <remarks>
/// <para>Outcome, first rule that applies:</para>
/// <list type="number">
/// <item><description><c>recovered</c>: the alarm is <c>OK</c>.</description></item>
/// <item><description><c>failed</c>: the target no longer carries the change (a field the plan set has another value:
/// reverted, or it never took), or pods created at or after the change show the same root cause (the change did not
/// help, or made it worse; "after" includes the same second, as a frozen replay clock stamps both alike).</description></item>
/// <item><description><c>recovered</c>: the analyzers no longer find the root cause on the subject — provided every read
/// of the new diagnosis reached the cluster (a read that timed out or was refused proves nothing).</description></item>
/// <item><description><c>pending</c>: the change is in place and the alarm is not OK yet; the report leaves the incident
/// in Monitoring and AlarmIngest closes it when the alarm returns to OK.</description></item>
/// </list>
/// <para>Returns <c>outcome</c>, <c>alarmState</c> and <c>reason</c>.</para>
/// </remarks>
/// <param name="registry">The tool registry with the read tools bound.</param>
/// <param name="store">The incident store.</param>
/// <param name="time">The clock: the new diagnosis' "now".</param>
/// <param name="budget">The evidence budget of the new diagnosis.</param>
public sealed class VerifyStep(ToolRegistry registry, IIncidentStore store, TimeProvider time, DiagnosisBudget? budget = null) : IIncidentStep
{
    // Pods read to tell whether the failing ones were created after the change; a verification stays small.
    private const int MaxPodsChecked = 5;

    // Read failures that say the cluster could not be asked; not_found and bad_request are answers.
    private static readonly string[] Unanswered = ["timeout", "cluster_unreachable", "upstream_error", "internal_error", "throttled", "forbidden", "unauthorized", "cancelled", "policy_denied"];

    /// <inheritdoc/>
    public string Name => StepNames.Verify;

    /// <inheritdoc/>
    /// <exception cref="StepPreconditionException">No change was applied, or the diagnosis (and its alarm) is missing.</exception>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(store, request.IncidentId, time, context.CancellationToken);
        var record = await timeline.RecordAsync().ConfigureAwait(false);
        if (await timeline.DataAsync(TimelineKeys.Verification).ConfigureAwait(false) is { } done)
        {
            return Result(done);
        }

        var change = await timeline.DataAsync(TimelineKeys.Change).ConfigureAwait(false)
            ?? throw new StepPreconditionException($"incident {request.IncidentId} has no applied change to verify");
        var plan = await timeline.DataAsync(TimelineKeys.Plan).ConfigureAwait(false) ?? [];
        var analysis = await timeline.DataAsync(TimelineKeys.Analysis).ConfigureAwait(false) ?? [];
        var alarmEvent = Node.Obj(await timeline.DataAsync(TimelineKeys.Diagnosis).ConfigureAwait(false), DiagnosisJson.AlarmEventMember)
            ?? throw new StepPreconditionException($"the diagnosis of incident {request.IncidentId} (and the alarm event it holds) is missing");
        string? cluster = Node.Str(plan, "cluster") ?? Node.Str(analysis, "cluster") ?? record.Cluster;
        var caller = new ToolCaller("eksops-incident-flow/" + Name, ToolFace.Internal, request.IncidentId);

        var (alarmState, alarmError) = await RegistryReads.GetAlarmStateAsync(registry, caller, cluster, record.AlarmName, context).ConfigureAwait(false);
        var (carries, mismatches) = await InspectTargetAsync(plan, caller, cluster, context).ConfigureAwait(false);

        var again = await new Diagnoser(registry, budget).DiagnoseAsync(new DiagnosisRequest
        {
            Alarm = DiagnoseStep.ParseAlarm(alarmEvent),
            ClusterName = cluster,
            Now = timeline.Now,
            Caller = caller,
            Logger = context.Logger,
            Metrics = context.Metrics,
            CancellationToken = context.CancellationToken,
        }).ConfigureAwait(false);
        var cause = RootCauses.TryParse(Node.Str(analysis, "rootCause"), out var parsed) ? parsed : RootCause.Unknown;
        var subject = Node.ToRef(analysis["subject"]);
        var still = again.Hypotheses.Where(h => h.RootCause == cause && h.Subject == subject).SelectMany(h => h.FindingIds).ToHashSet(StringComparer.Ordinal);
        var stillFindings = again.Findings.Where(f => still.Contains(f.Id)).ToList();
        var unanswered = again.Evidence.Where(e => Unanswered.Any(code => e.Outcome.Contains("(" + code + ")", StringComparison.Ordinal))).ToList();
        var appliedAt = Node.Time(change, "appliedAt");
        var newPods = await NewFailingPodsAsync(stillFindings, appliedAt, caller, cluster, context).ConfigureAwait(false);

        var (outcome, reason) = Judge(alarmState, mismatches, newPods, stillFindings.Count, unanswered.Count, cause, subject);
        var findingsJson = new JsonArray();
        foreach (var finding in stillFindings)
        {
            findingsJson.Add((JsonNode)new JsonObject { ["id"] = finding.Id, ["kind"] = finding.Kind.ToString(), ["about"] = finding.About.ToString(), ["message"] = finding.Message });
        }

        var data = Node.WithoutNulls(new JsonObject
        {
            ["outcome"] = outcome,
            ["reason"] = reason,
            ["alarmState"] = alarmState ?? "unknown",
            ["alarmError"] = alarmError,
            ["targetCarriesChange"] = carries,
            ["mismatches"] = Node.Strings(mismatches),
            ["findingsStillPresent"] = findingsJson,
            ["newPodsFailing"] = Node.Strings(newPods),
            ["rootCauseNow"] = again.RootCause.Id(),
            ["confidenceNow"] = Math.Round(again.Confidence, 4, MidpointRounding.AwayFromZero),
            ["reads"] = again.Evidence.Count,
            ["readsUnanswered"] = unanswered.Count,
        });
        await timeline.AppendAsync(TimelineKeys.Verification, TimelineKind.Verification, $"verification: {outcome} — {reason}", data).ConfigureAwait(false);
        return Result(await timeline.DataAsync(TimelineKeys.Verification).ConfigureAwait(false) ?? data);
    }

    private static (string Outcome, string Reason) Judge(string? alarmState, IReadOnlyList<string> mismatches, IReadOnlyList<string> newPods, int still, int unanswered, RootCause cause, ObjectRef? subject)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (alarmState == "OK")
        {
            return (VerificationOutcomes.Recovered, "the alarm is OK again");
        }

        if (mismatches.Count > 0)
        {
            return (VerificationOutcomes.Failed, "the target no longer carries the change: " + string.Join("; ", mismatches));
        }

        if (newPods.Count > 0)
        {
            return (VerificationOutcomes.Failed, $"pods created after the change fail the same way ({cause.Id()}): {string.Join(", ", newPods)}");
        }

        if (still == 0 && unanswered == 0)
        {
            return (VerificationOutcomes.Recovered, $"the analyzers no longer find {cause.Id()} on {subject?.ToString() ?? "the subject"}; the alarm is {alarmState ?? "unknown"}");
        }

        return (VerificationOutcomes.Pending, still > 0
            ? string.Create(invariant, $"the change is in place; the alarm is {alarmState ?? "unknown"} and {still} finding(s) of {cause.Id()} remain, from before the change as far as can be told")
            : string.Create(invariant, $"the change is in place; the alarm is {alarmState ?? "unknown"} and {unanswered} read(s) of the new diagnosis got no answer, so recovery cannot be confirmed"));
    }

    /// <summary>Whether the target still carries every field the plan set (<see langword="null"/> when that cannot be told).</summary>
    private async Task<(bool? Carries, IReadOnlyList<string> Mismatches)> InspectTargetAsync(JsonObject plan, ToolCaller caller, string? cluster, ILambdaContext context)
    {
        var expected = Node.Arr(plan, "expectedFields");
        var change = Node.Obj(plan, "change");
        if (expected.Count == 0 || change is null)
        {
            return (null, []);
        }

        var target = ChangeTargets.Of(Node.Str(change, "target"), Node.Str(change, "namespace"));
        if (target is null)
        {
            return (null, []);
        }

        var (current, _) = await RegistryReads.GetObjectAsync(registry, caller, cluster, target, context).ConfigureAwait(false);
        if (current is null)
        {
            return (null, []);
        }

        var mismatches = ChangeFields.Mismatches(expected, current);
        return (mismatches.Count == 0, mismatches);
    }

    /// <summary>The pods among the still-present findings created at or after the change (the new revision's pods).</summary>
    private async Task<IReadOnlyList<string>> NewFailingPodsAsync(IReadOnlyList<Finding> still, DateTimeOffset? appliedAt, ToolCaller caller, string? cluster, ILambdaContext context)
    {
        if (appliedAt is null)
        {
            return [];
        }

        var failing = new List<string>();
        foreach (var pod in still.Select(f => f.About).Where(a => a.Kind == KubernetesKinds.Pod).Distinct().Take(MaxPodsChecked))
        {
            var (current, _) = await RegistryReads.GetObjectAsync(registry, caller, cluster, pod, context).ConfigureAwait(false);
            if (Node.Time(current, "metadata", "creationTimestamp") is { } created && created >= appliedAt)
            {
                failing.Add(pod.ToString());
            }
        }

        return failing;
    }

    private static JsonObject Result(JsonObject verification) => Node.WithoutNulls(new JsonObject
    {
        ["outcome"] = Node.Str(verification, "outcome"),
        ["alarmState"] = Node.Str(verification, "alarmState"),
        ["reason"] = Node.Str(verification, "reason"),
    });
}
