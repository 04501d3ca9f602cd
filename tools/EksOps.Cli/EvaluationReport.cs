using System.Globalization;
using System.Text;
using System.Text.Json;
using EksOps.Incidents;

namespace EksOps.Cli;

/// <summary>The output of <c>eksops eval</c>: a table for people, or one JSON object for machines.</summary>
internal static class EvaluationReport
{
    public static double RootCauseAccuracy(IReadOnlyList<ScenarioEvaluation> results) =>
        results.Count == 0 ? 0 : Math.Round((double)results.Count(r => r.RootCauseMatch) / results.Count, 4);

    public static string Table(IReadOnlyList<ScenarioEvaluation> results, TimeSpan elapsed)
    {
        var rows = results.Select(r => new[]
        {
            r.Id,
            r.ExpectedRootCause?.Id() ?? "-",
            r.Error is null ? r.RootCause.Id() + (r.RootCauseMatch ? string.Empty : " ✗") : "error",
            r.SubjectMatch ? "yes" : $"no ({r.Subject})",
            r.Remediation.Id() + (r.RemediationForbidden ? " FORBIDDEN" : r.RemediationOk ? " (allowed)" : " (not allowed)"),
            (r.ApprovalRequired ? "required" : "not required") + (r.ApprovalAsExpected ? string.Empty : " ✗"),
            r.Pass ? "PASS" : "FAIL",
        }).ToList();
        string[] header = ["scenario", "expected", "found", "subject", "proposal", "approval", "result"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Line);
        foreach (var failed in results.Where(r => r.Error is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{failed.Id}: could not be evaluated: {failed.Error}");
        }

        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture,
            $"{results.Count(r => r.Pass)}/{results.Count} passed; root cause {results.Count(r => r.RootCauseMatch)}/{results.Count} ({RootCauseAccuracy(results):P0}), ");
        text.Append(CultureInfo.InvariantCulture,
            $"subject {results.Count(r => r.SubjectMatch)}/{results.Count}, forbidden proposals {results.Count(r => r.RemediationForbidden)}, approval as expected {results.Count(r => r.ApprovalAsExpected)}/{results.Count}; ");
        text.AppendLine(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");
        return text.ToString();
    }

    public static string Details(IReadOnlyList<ScenarioEvaluation> results)
    {
        var text = new StringBuilder();
        foreach (var r in results.Where(r => r.Result is not null))
        {
            var d = r.Result!;
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"== {r.Id} ({(r.Pass ? "pass" : "FAIL")}, {r.Elapsed.TotalMilliseconds:0} ms, {d.Budget.Calls} calls, {d.Budget.Bytes} bytes{(d.Budget.ExhaustedBy is { } by ? ", budget exhausted by " + by : string.Empty)})");
            text.AppendLine(d.Summary);
            foreach (var h in d.Hypotheses)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  hypothesis {h.RootCause.Id()} {h.Confidence:0.00} {h.Subject} [{string.Join(",", h.FindingIds)}]");
            }

            foreach (var f in d.Findings)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {f.Id} {f.Analyzer}/{f.Kind} {f.About}: {f.Message} [{string.Join(",", f.EvidenceIds)}]");
            }

            foreach (var e in d.Evidence)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {e.Id} {e.Tool} {e.Purpose} -> {e.Outcome}, {e.Bytes} bytes{(e.Truncated ? " (truncated)" : string.Empty)}");
            }
        }

        return text.ToString();
    }

    public static string Json(IReadOnlyList<ScenarioEvaluation> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("results");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                if (r.ExpectedRootCause is { } expected)
                {
                    json.WriteString("expectedRootCause", expected.Id());
                }
                else
                {
                    json.WriteNull("expectedRootCause");
                }

                json.WriteString("rootCause", r.RootCause.Id());
                json.WriteBoolean("subjectMatch", r.SubjectMatch);
                json.WriteString("remediation", r.Remediation.Id());
                json.WriteBoolean("remediationOk", r.RemediationOk);
                json.WriteBoolean("approvalRequired", r.ApprovalRequired);
                json.WriteBoolean("pass", r.Pass);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("total", results.Count);
            json.WriteNumber("passed", results.Count(r => r.Pass));
            json.WriteNumber("rootCauseAccuracy", RootCauseAccuracy(results));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
