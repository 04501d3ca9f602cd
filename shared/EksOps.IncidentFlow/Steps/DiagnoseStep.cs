using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.Diagnosis;
using EksOps.IncidentFlow.Internal;
using EksOps.Incidents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.IncidentFlow;

/// <summary>
/// <c>diagnose</c> (Investigate): parses the alarm of the payload, runs the deterministic <see cref="Diagnoser"/> over the
/// tool registry, and writes one <c>tool:&lt;evidence id&gt;</c> entry per read and then the <c>diagnosis</c> entry
/// (which marks the step done: a retry returns it without reading again); sets the record's subject.
/// </summary>
/// <remarks>
/// A read that fails (a Kubernetes API that times out, a denied namespace) is an evidence record with its outcome, not a
/// failed step: the analysis runs on what could be read, which often ends in <c>unknown</c> and an escalation.
/// Returns <c>rootCause</c>, <c>confidence</c>, <c>subject</c> (<c>Kind namespace/name</c>), <c>subjectRef</c>,
/// <c>runbook</c> (the deterministic proposal), <c>findings</c> and <c>reads</c> (counts).
/// </remarks>
/// <param name="registry">The tool registry with the read tools bound.</param>
/// <param name="store">The incident store.</param>
/// <param name="time">The clock: the investigation's "now" and the entries' times.</param>
/// <param name="budget">The evidence budget; <see cref="DiagnosisBudget.FromEnvironment"/> when <see langword="null"/>.</param>
public sealed class DiagnoseStep(ToolRegistry registry, IIncidentStore store, TimeProvider time, DiagnosisBudget? budget = null) : IIncidentStep
{
    /// <inheritdoc/>
    public string Name => StepNames.Diagnose;

    /// <inheritdoc/>
    /// <exception cref="InvalidStepRequestException">The payload has no <c>alarm</c> object, or it is not an alarm event EksOps reads.</exception>
    /// <exception cref="IncidentNotFoundException">The incident is not in the store.</exception>
    public async Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timeline = new IncidentTimeline(store, request.IncidentId, time, context.CancellationToken);
        var record = await timeline.RecordAsync().ConfigureAwait(false);
        if (await timeline.DataAsync(TimelineKeys.Diagnosis).ConfigureAwait(false) is { } done)
        {
            return Result(done);
        }

        var alarmEvent = request.RequiredObject("alarm");
        var alarm = ParseAlarm(alarmEvent);
        var latencies = new ToolLatencyRecorder(context.Metrics);
        var result = await new Diagnoser(registry, budget).DiagnoseAsync(new DiagnosisRequest
        {
            Alarm = alarm,
            ClusterName = record.Cluster,
            Now = timeline.Now,
            Caller = new ToolCaller("eksops-incident-flow/" + Name, ToolFace.Internal, request.IncidentId),
            Logger = context.Logger,
            Metrics = latencies,
            CancellationToken = context.CancellationToken,
        }).ConfigureAwait(false);

        // One latency per registry call, in order; if anything else pushed tool metrics the pairing is not trusted.
        bool timed = latencies.Latencies.Count == result.Evidence.Count;
        for (int i = 0; i < result.Evidence.Count; i++)
        {
            var read = result.Evidence[i];
            await timeline.AppendAsync(TimelineKeys.ToolCall(read.Id), TimelineKind.ToolCall, ToolCallSummary(read), ToolCallData(read, timed ? latencies.Latencies[i] : null)).ConfigureAwait(false);
        }

        var data = DiagnosisJson.Write(result, alarmEvent);
        await timeline.AppendAsync(TimelineKeys.Diagnosis, TimelineKind.Diagnosis, Summary(result), data).ConfigureAwait(false);
        await timeline.UpdateAsync(new IncidentUpdate { Subject = DiagnosisJson.RecordSubject(result.Subject), At = timeline.Now }).ConfigureAwait(false);
        // A concurrent attempt may have stored its diagnosis first; the stored one is the answer.
        return Result(await timeline.DataAsync(TimelineKeys.Diagnosis).ConfigureAwait(false) ?? data);
    }

    /// <summary>Parses the alarm event of a payload (or of a stored diagnosis).</summary>
    /// <exception cref="InvalidStepRequestException">It is not an alarm event EksOps reads.</exception>
    internal static AlarmStateChange ParseAlarm(JsonObject alarmEvent)
    {
        try
        {
            return AlarmEventParser.Parse(alarmEvent.ToJsonString());
        }
        catch (InvalidAlarmEventException e)
        {
            throw new InvalidStepRequestException($"$.alarm is not a CloudWatch alarm event EksOps reads: {e.Message}", e);
        }
    }

    private static JsonObject Result(JsonObject diagnosis)
    {
        var subject = Node.ToRef(diagnosis["subject"]);
        return Node.WithoutNulls(new JsonObject
        {
            ["rootCause"] = Node.Str(diagnosis, "rootCause"),
            ["confidence"] = Node.Num(diagnosis, "confidence"),
            ["subject"] = subject?.ToString(),
            ["subjectRef"] = Node.RefOrNull(subject),
            ["runbook"] = Node.Str(diagnosis, "proposal", "runbook"),
            ["cluster"] = Node.Str(diagnosis, "cluster"),
            ["findings"] = Node.Arr(diagnosis, "findings").Count,
            ["reads"] = Node.Arr(diagnosis, "evidence").Count,
        });
    }

    private static string Summary(DiagnosisResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"diagnosed {result.RootCause.Id()} (confidence {result.Confidence:0.00}) on {result.Subject}: {result.Findings.Count} finding(s) from {result.Evidence.Count} read(s)");

    private static string ToolCallSummary(EvidenceRecord read) => string.Create(
        CultureInfo.InvariantCulture,
        $"{read.Tool} {read.Outcome} ({read.Bytes} bytes): {read.Purpose}");

    private static JsonObject ToolCallData(EvidenceRecord read, double? milliseconds)
    {
        var data = new JsonObject
        {
            ["evidenceId"] = read.Id,
            ["tool"] = read.Tool,
            ["arguments"] = ParseArguments(read.Arguments),
            ["status"] = read.Outcome,
            ["bytes"] = read.Bytes,
            ["truncated"] = read.Truncated,
            ["purpose"] = read.Purpose,
        };
        if (milliseconds is { } ms)
        {
            data["durationMs"] = Math.Round(ms, 1);
        }

        return data;
    }

    private static JsonNode? ParseArguments(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }
}
