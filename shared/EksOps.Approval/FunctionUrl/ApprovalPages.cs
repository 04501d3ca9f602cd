using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Approval.Decisions;
using EksOps.Approval.Internal;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.Approval.FunctionUrl;

/// <summary>
/// The HTML an approver sees: a confirmation page for a link (a GET changes nothing; its form POSTs back), and a page
/// for every outcome. Every value from the store or the request is HTML-escaped.
/// </summary>
internal static class ApprovalPages
{
    /// <summary>The most characters of the dry-run preview shown on the page.</summary>
    private const int MaxPreviewChars = 64 * 1024;

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}"
        + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0;word-break:break-all}"
        + "pre{background:#f4f4f4;padding:1rem;overflow:auto;max-height:30rem}label{display:block;margin:.8rem 0}"
        + "input,textarea{width:100%;font:inherit}button{font:inherit;padding:.5rem 1.5rem;margin-top:1rem}"
        + ".approve button{background:#1a7f37;color:#fff}.deny button{background:#cf222e;color:#fff}";

    public static string Confirmation(ApprovalLink link, ApprovalState state, ProposedChange change, string formAction)
    {
        bool approve = link.Decision == ApprovalDecision.Approve;
        var plan = state.Plan!;
        var body = new StringBuilder();
        body.Append("<h1>").Append(approve ? "Approve this change?" : "Deny this change?").Append("</h1>");
        body.Append("<p>Nothing happens until you press the button below. The link works once, until ")
            .Append(E(ApprovalLinkSigner.Iso(link.ExpiresAt))).Append(".</p>");
        body.Append("<dl>");
        Row(body, "Incident", state.Incident.Id);
        Row(body, "Alarm", state.Incident.AlarmName);
        Row(body, "Cluster", state.Incident.Cluster ?? change.Cluster);
        Row(body, "Subject", state.Incident.Subject);
        Row(body, "Root cause", state.Incident.RootCause);
        Row(body, "Runbook", plan.Runbook ?? change.Runbook?.Id());
        Row(body, "Change", change.Summary);
        Row(body, "Target", change.Target);
        Row(body, "Why approval", plan.Reason);
        Row(body, "Diagnosis", state.Diagnosis?.Summary);
        Row(body, "Analysis", state.Analysis?.Summary);
        Row(body, "Patch hash", change.PatchHash);
        body.Append("</dl>");
        if (PreviewText(plan.Preview ?? plan.DryRun) is { } preview)
        {
            body.Append("<h2>Dry run</h2><pre>").Append(E(preview)).Append("</pre>");
        }

        body.Append("<form method=\"post\" class=\"").Append(approve ? "approve" : "deny").Append("\" action=\"").Append(E(formAction)).Append("\">");
        body.Append("<label>Your name <input name=\"approver\" maxlength=\"").Append(DecisionFields.MaxApproverChars).Append("\" autocomplete=\"name\"></label>");
        body.Append("<label>Reason <textarea name=\"reason\" rows=\"3\" maxlength=\"").Append(DecisionFields.MaxReasonChars).Append("\"></textarea></label>");
        body.Append("<button type=\"submit\">").Append(approve ? "Approve the change" : "Deny the change").Append("</button></form>");
        return Page(approve ? "Approve change" : "Deny change", body.ToString());
    }

    public static string Outcome(DecisionOutcome outcome)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(outcome.Title)).Append("</h1><p>").Append(E(outcome.Message)).Append("</p>");
        if (outcome.IncidentId is not null)
        {
            body.Append("<p>Incident: <code>").Append(E(outcome.IncidentId)).Append("</code></p>");
        }

        return Page(outcome.Title, body.ToString());
    }

    private static string Page(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex,nofollow\"><title>EksOps: " + E(title) + "</title><style>" + Style + "</style></head><body><main>"
        + body + "</main></body></html>";

    private static void Row(StringBuilder body, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }
    }

    /// <summary>The preview as text: a string as is, anything else as indented JSON; cut to the page's limit.</summary>
    private static string? PreviewText(JsonNode? preview)
    {
        if (preview is null)
        {
            return null;
        }

        string text = JsonRead.AsString(preview) ?? Indented(preview);
        return text.Length <= MaxPreviewChars ? text : text[..MaxPreviewChars] + "\n… (cut; the whole preview is in the incident's plan entry)";
    }

    private static string Indented(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
