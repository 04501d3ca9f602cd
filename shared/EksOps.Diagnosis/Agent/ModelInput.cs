using System.Text;
using System.Text.Json.Nodes;
using EksOps.Diagnosis.Internal;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// The input text of the agent run: the alarm, the deterministic digest with the evidence index (redacted with the
/// registry's <see cref="SecretRedactor"/>, then cut to the cap), the rules of the tools and the answer format.
/// </summary>
internal static class ModelInput
{
    private const string CutNote =
        " It was cut to fit the input cap: _truncated says what is missing; read more with the tools.";

    private static readonly string AnswerFormat =
        "You may call the EksOps tools to check or extend the evidence. Do not apply changes: plan a runbook with dryRun=true; "
        + "a write that policy wants a human to approve is refused.\n"
        + "Finish with exactly one fenced JSON object, and nothing after it:\n"
        + "```json\n"
        + "{\"rootCause\": \"<one of: " + string.Join(", ", RootCauses.Ids) + ">\",\n"
        + " \"subject\": {\"kind\": \"Deployment\", \"namespace\": \"shop\", \"name\": \"checkout\"},\n"
        + " \"proposal\": {\"runbook\": \"<one of: " + string.Join(", ", Runbooks.Ids) + ">\", \"target\": {\"kind\": \"…\", \"namespace\": \"…\", \"name\": \"…\"}, \"parameters\": {}},\n"
        + " \"rationale\": \"<two or three sentences a human on call can check>\",\n"
        + " \"evidence\": [\"F1\", \"E3\"],\n"
        + " \"confidence\": 0.8}\n"
        + "```\n"
        + "Rules: the subject is an object that appears in the evidence or in what the tools returned (namespace null for nodes). "
        + "The proposal acts on the subject and can fix the cause; a restart does not fix a crash in the code, a bad image, a missing "
        + "ConfigMap or Secret, or a dead dependency. Use \"proposal\": null to escalate to a human when nothing in the catalogue can help. "
        + "Cite only evidence and finding ids that exist. Answers that break a rule are discarded.";

    /// <summary>Builds the input; its UTF-8 size never exceeds <paramref name="maxBytes"/>.</summary>
    /// <param name="result">The deterministic diagnosis.</param>
    /// <param name="maxBytes">The cap, at least <see cref="BedrockAnalystOptions.MinInputBytes"/>.</param>
    /// <returns>The text and whether the digest was cut.</returns>
    public static (string Text, bool Truncated) Build(DiagnosisResult result, int maxBytes)
    {
        var header = SecretRedactor.Redact(
            $"Investigate the CloudWatch alarm \"{result.AlarmName}\" on the EKS cluster \"{result.ClusterName}\" ({result.Environment.Id()}).");
        const string Intro = "EksOps' deterministic analysis and the evidence it read are below as JSON; secrets are redacted. "
            + "Evidence ids (E…) name the tool reads, finding ids (F…) the analyzers' findings.";
        var overhead = Encoding.UTF8.GetByteCount(Compose(header, Intro + CutNote, string.Empty));
        var digestBudget = maxBytes - overhead;

        var digest = Digest(result);
        var text = Compose(header, Intro, JsonFields.Compact(digest));
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return (text, false);
        }

        // The limiter keeps the JSON valid, cuts the largest arrays and strings first and reports what it cut.
        ToolOutputLimiter.Limit(digest, Math.Max(1024, digestBudget), TruncationMode.KeepStart);
        text = Compose(header, Intro + CutNote, JsonFields.Compact(digest));
        if (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            text = Compose(header, Intro + CutNote, JsonFields.Compact(Minimal(result)));
        }

        return (text, true);
    }

    private static string Compose(string header, string intro, string digest) =>
        $"{header}\n\n{intro}\n<digest>\n{digest}\n</digest>\n\n{AnswerFormat}";

    /// <summary>The digest with an index of the evidence records, so the model can read what each cited id was.</summary>
    private static JsonObject Digest(DiagnosisResult result)
    {
        var digest = JsonNode.Parse(result.Digest) as JsonObject ?? [];
        digest["evidence"] = new JsonArray([.. result.Evidence.Select(e => (JsonNode?)new JsonObject
        {
            ["id"] = e.Id,
            ["tool"] = e.Tool,
            ["purpose"] = e.Purpose,
            ["outcome"] = e.Outcome,
        })]);
        SecretRedactor.RedactInPlace(digest);
        return digest;
    }

    /// <summary>What is left when even the cut digest does not fit: the decision without its support.</summary>
    private static JsonObject Minimal(DiagnosisResult result)
    {
        var minimal = new JsonObject
        {
            ["alarm"] = result.AlarmName.Length > 255 ? result.AlarmName[..255] : result.AlarmName,
            ["rootCause"] = result.RootCause.Id(),
            ["confidence"] = result.Confidence,
            ["subject"] = result.Subject.ToString(),
            ["_truncated"] = "the digest did not fit the input cap; read the evidence with the tools",
        };
        SecretRedactor.RedactInPlace(minimal);
        return minimal;
    }
}
