using System.Text.Json;
using EksOps.Alarms;
using EksOps.Lambda;

namespace EksOps.AlarmIngest;

/// <summary>
/// Reads a CloudWatch alarm state change, in the EventBridge envelope or as the alarm's direct Lambda action
/// payload, and decides whether it opens an incident, closes one, or is ignored.
/// </summary>
/// <remarks>
/// An event that is not an alarm state change fails the invocation with <see cref="InvalidAlarmEventException"/>,
/// whose message names the JSON path that was wrong. Metrics (namespace per <c>EKSOPS_METRICS_NAMESPACE</c>):
/// <c>AlarmEvents</c> (Count) with a <c>Decision</c> dimension.
/// </remarks>
public static class AlarmIngestHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="alarmEvent">The raw event.</param>
    /// <param name="context">The invocation context.</param>
    /// <returns>The decision and the alarm it concerns.</returns>
    /// <exception cref="InvalidAlarmEventException">The event is not a CloudWatch alarm state change.</exception>
    public static Task<AlarmIngestResult> HandleAsync(JsonElement alarmEvent, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var change = AlarmEventParser.Parse(alarmEvent);
        var (decision, reason) = Decide(change);
        var result = new AlarmIngestResult
        {
            Decision = decision,
            Reason = reason,
            AlarmName = change.AlarmName,
            AlarmArn = change.AlarmArn,
            AlarmKind = change.Kind.ToString(),
            State = StateName(change.State.Value),
            PreviousState = change.PreviousState is { } previous ? StateName(previous.Value) : null,
            StateTimestamp = change.State.Timestamp,
            ExecutionName = decision == IncidentDecision.Open ? IncidentKeys.ExecutionName(change) : null,
        };

        context.Metrics.AddDimension("Decision", decision.ToString());
        context.Metrics.AddMetric("AlarmEvents", 1, MetricUnit.Count);
        context.Metrics.AddMetadata("alarmName", change.AlarmName);
        context.Logger.LogInformation(
            $"{decision}: {reason}",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["alarmName"] = change.AlarmName,
                ["alarmKind"] = result.AlarmKind,
                ["state"] = result.State,
                ["decision"] = decision.ToString(),
            });
        return Task.FromResult(result);
    }

    /// <summary>The incident decision for an alarm transition, with its reason.</summary>
    /// <param name="change">The parsed state change.</param>
    /// <returns>The decision and a one-sentence reason.</returns>
    public static (IncidentDecision Decision, string Reason) Decide(AlarmStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var previous = change.PreviousState?.Value;
        // A composite alarm with an actions suppressor reports ALARM while its actions are held back (the suppressor
        // is in ALARM, or CloudWatch is waiting for it). When the hold ends CloudWatch sends ALARM again without
        // actionsSuppressedBy, and that event opens the incident, so none is lost by ignoring this one.
        if (change.State.ActionsSuppressedBy is { Length: > 0 } suppressedBy)
        {
            return (IncidentDecision.Ignore,
                $"The composite alarm's actions are suppressed ({suppressedBy}: {change.State.ActionsSuppressedReason}); " +
                "CloudWatch sends the alarm again when the suppression ends.");
        }

        return change.State.Value switch
        {
            AlarmStateValue.Alarm => (IncidentDecision.Open, $"The alarm entered ALARM from {(previous is { } p ? StateName(p) : "an unknown state")}."),
            AlarmStateValue.Ok when previous == AlarmStateValue.Alarm => (IncidentDecision.Close, "The alarm returned to OK from ALARM."),
            AlarmStateValue.Ok => (IncidentDecision.Ignore, $"The alarm entered OK from {(previous is { } p ? StateName(p) : "an unknown state")}, not from ALARM."),
            _ => (IncidentDecision.Ignore, "INSUFFICIENT_DATA says the metric stopped reporting, not that the workload is unhealthy."),
        };
    }

    private static string StateName(AlarmStateValue value) => value switch
    {
        AlarmStateValue.Alarm => "ALARM",
        AlarmStateValue.Ok => "OK",
        _ => "INSUFFICIENT_DATA",
    };
}
