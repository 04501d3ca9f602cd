using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Diagnosis;
using EksOps.Incidents;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Internal;

/// <summary>
/// A <see cref="DiagnosisResult"/> as the <c>diagnosis</c> timeline entry stores it, and back: every member (findings with
/// their details, hypotheses, the evidence list without bodies, budget, digest), so <c>analyze</c> decides on exactly
/// what <c>diagnose</c> read instead of reading the cluster again. The alarm event diagnosed is stored beside it.
/// </summary>
internal static class DiagnosisJson
{
    public const string AlarmEventMember = "alarmEvent";

    public static JsonObject Write(DiagnosisResult result, JsonObject alarmEvent)
    {
        var findings = new JsonArray();
        foreach (var finding in result.Findings)
        {
            var details = new JsonObject();
            foreach (var (key, value) in finding.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                details[key] = value;
            }

            findings.Add((JsonNode)new JsonObject
            {
                ["id"] = finding.Id,
                ["analyzer"] = finding.Analyzer,
                ["kind"] = finding.Kind.ToString(),
                ["about"] = Node.Ref(finding.About),
                ["message"] = finding.Message,
                ["evidenceIds"] = Node.Strings(finding.EvidenceIds),
                ["details"] = details,
            });
        }

        var hypotheses = new JsonArray();
        foreach (var hypothesis in result.Hypotheses)
        {
            hypotheses.Add((JsonNode)new JsonObject
            {
                ["rootCause"] = hypothesis.RootCause.Id(),
                ["confidence"] = Round(hypothesis.Confidence),
                ["subject"] = Node.Ref(hypothesis.Subject),
                ["rationale"] = hypothesis.Rationale,
                ["findingIds"] = Node.Strings(hypothesis.FindingIds),
            });
        }

        var evidence = new JsonArray();
        foreach (var record in result.Evidence)
        {
            evidence.Add((JsonNode)new JsonObject
            {
                ["id"] = record.Id,
                ["tool"] = record.Tool,
                ["arguments"] = record.Arguments,
                ["outcome"] = record.Outcome,
                ["bytes"] = record.Bytes,
                ["truncated"] = record.Truncated,
                ["purpose"] = record.Purpose,
            });
        }

        var budget = result.Budget;
        return new JsonObject
        {
            ["alarmName"] = result.AlarmName,
            ["cluster"] = result.ClusterName,
            ["environment"] = result.Environment.Id(),
            ["rootCause"] = result.RootCause.Id(),
            ["confidence"] = Round(result.Confidence),
            ["subject"] = Node.Ref(result.Subject),
            ["alarmSubject"] = Node.Ref(result.AlarmSubject),
            ["decidedBy"] = DecidedBy(result.DecidedBy),
            ["decisionReason"] = result.DecisionReason,
            ["summary"] = result.Summary,
            ["proposal"] = Proposal(result.Proposal),
            ["findings"] = findings,
            ["hypotheses"] = hypotheses,
            ["evidence"] = evidence,
            ["budget"] = new JsonObject
            {
                ["calls"] = budget.Calls,
                ["bytes"] = budget.Bytes,
                ["elapsedMs"] = Math.Round(budget.Elapsed.TotalMilliseconds),
                ["skipped"] = budget.Skipped,
                ["exhaustedBy"] = budget.ExhaustedBy,
                ["maxCalls"] = budget.Budget.MaxCalls,
                ["maxBytes"] = budget.Budget.MaxBytes,
                ["maxSeconds"] = budget.Budget.MaxDuration.TotalSeconds,
            },
            ["digest"] = result.Digest,
            [AlarmEventMember] = alarmEvent.DeepClone(),
        };
    }

    public static JsonObject Proposal(RemediationProposal proposal) => new()
    {
        ["runbook"] = proposal.Runbook.Id(),
        ["target"] = Node.RefOrNull(proposal.Target),
        ["approvalRequired"] = proposal.ApprovalRequired,
        ["rationale"] = proposal.Rationale,
    };

    public static string DecidedBy(DecisionPath path) => path == DecisionPath.Model ? "model" : "deterministic";

    /// <summary>Reads a stored diagnosis back; <see langword="null"/> when it was cut by the store's size bound or does not parse (the caller diagnoses again).</summary>
    public static DiagnosisResult? TryRead(JsonObject data)
    {
        if (TimelineData.IsTruncated(data))
        {
            return null;
        }

        try
        {
            var budget = Node.Obj(data, "budget");
            return new DiagnosisResult
            {
                AlarmName = Node.Str(data, "alarmName") ?? string.Empty,
                ClusterName = Node.Str(data, "cluster") ?? string.Empty,
                Environment = ClusterEnvironments.Parse(Node.Str(data, "environment") ?? "production"),
                RootCause = RootCauses.Parse(Node.Str(data, "rootCause") ?? "unknown"),
                Confidence = Node.Num(data, "confidence") ?? 0,
                Subject = Node.ToRef(data["subject"]) ?? throw new FormatException("no subject"),
                AlarmSubject = Node.ToRef(data["alarmSubject"]) ?? throw new FormatException("no alarm subject"),
                DecidedBy = Node.Str(data, "decidedBy") == "model" ? DecisionPath.Model : DecisionPath.Deterministic,
                DecisionReason = Node.Str(data, "decisionReason") ?? string.Empty,
                Summary = Node.Str(data, "summary") ?? string.Empty,
                Proposal = ReadProposal(Node.Obj(data, "proposal") ?? throw new FormatException("no proposal")),
                Findings = [.. Node.Arr(data, "findings").OfType<JsonObject>().Select(ReadFinding)],
                Hypotheses = [.. Node.Arr(data, "hypotheses").OfType<JsonObject>().Select(ReadHypothesis)],
                Evidence = [.. Node.Arr(data, "evidence").OfType<JsonObject>().Select(ReadEvidence)],
                Budget = new BudgetUsage
                {
                    Budget = new DiagnosisBudget
                    {
                        MaxCalls = (int)(Node.Int(budget, "maxCalls") ?? 80),
                        MaxBytes = Node.Int(budget, "maxBytes") ?? 3_000_000,
                        MaxDuration = TimeSpan.FromSeconds(Node.Num(budget, "maxSeconds") ?? 45),
                    },
                    Calls = (int)(Node.Int(budget, "calls") ?? 0),
                    Bytes = Node.Int(budget, "bytes") ?? 0,
                    Elapsed = TimeSpan.FromMilliseconds(Node.Num(budget, "elapsedMs") ?? 0),
                    Skipped = (int)(Node.Int(budget, "skipped") ?? 0),
                    ExhaustedBy = Node.Str(budget, "exhaustedBy"),
                },
                Digest = Node.Str(data, "digest") ?? string.Empty,
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static RemediationProposal ReadProposal(JsonObject proposal) => new()
    {
        Runbook = Runbooks.Parse(Node.Str(proposal, "runbook") ?? "escalate"),
        Target = Node.ToRef(proposal["target"]),
        ApprovalRequired = Node.Bool(proposal, "approvalRequired") ?? true,
        Rationale = Node.Str(proposal, "rationale") ?? string.Empty,
    };

    private static Finding ReadFinding(JsonObject finding) => new()
    {
        Id = Node.Str(finding, "id") ?? throw new FormatException("a finding has no id"),
        Analyzer = Node.Str(finding, "analyzer") ?? string.Empty,
        Kind = Enum.Parse<FindingKind>(Node.Str(finding, "kind") ?? throw new FormatException("a finding has no kind")),
        About = Node.ToRef(finding["about"]) ?? throw new FormatException("a finding is about nothing"),
        Message = Node.Str(finding, "message") ?? string.Empty,
        EvidenceIds = Node.StringList(finding["evidenceIds"]),
        Details = (Node.Obj(finding, "details") ?? [])
            .Where(p => p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => Node.Display(p.Value), StringComparer.Ordinal),
    };

    private static Hypothesis ReadHypothesis(JsonObject hypothesis) => new()
    {
        RootCause = RootCauses.Parse(Node.Str(hypothesis, "rootCause") ?? "unknown"),
        Confidence = Node.Num(hypothesis, "confidence") ?? 0,
        Subject = Node.ToRef(hypothesis["subject"]) ?? throw new FormatException("a hypothesis has no subject"),
        Rationale = Node.Str(hypothesis, "rationale") ?? string.Empty,
        FindingIds = Node.StringList(hypothesis["findingIds"]),
    };

    private static EvidenceRecord ReadEvidence(JsonObject record) => new()
    {
        Id = Node.Str(record, "id") ?? throw new FormatException("an evidence record has no id"),
        Tool = Node.Str(record, "tool") ?? string.Empty,
        Arguments = Node.Str(record, "arguments") ?? "{}",
        Outcome = Node.Str(record, "outcome") ?? string.Empty,
        Bytes = (int)(Node.Int(record, "bytes") ?? 0),
        Truncated = Node.Bool(record, "truncated") ?? false,
        Purpose = Node.Str(record, "purpose") ?? string.Empty,
    };

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    /// <summary>The record's subject form: <c>Kind/namespace/name</c>, or <c>Kind/name</c> for cluster-scoped objects.</summary>
    public static string RecordSubject(ObjectRef subject) =>
        subject.Namespace is null ? subject.Kind + "/" + subject.Name : string.Create(CultureInfo.InvariantCulture, $"{subject.Kind}/{subject.Namespace}/{subject.Name}");
}
