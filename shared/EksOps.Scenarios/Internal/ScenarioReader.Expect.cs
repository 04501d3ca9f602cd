using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Scenarios.Internal;

/// <summary>The expected conclusion.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] ExpectKeys = ["rootCause", "subject", "remediation", "approvalRequired"];
    private static readonly string[] SubjectKeys = ["kind", "namespace", "name"];
    private static readonly string[] RemediationKeys = ["allowed", "forbidden"];

    private static ScenarioExpectation? ReadExpect(Fields f, JsonObject top)
    {
        if (!top.ContainsKey("expect"))
        {
            return null;
        }

        var expect = f.Mapping(top, JsonPaths.Root, "expect", required: true, "a mapping with rootCause, subject, remediation and approvalRequired");
        if (expect is null)
        {
            return null;
        }

        const string Path = "$.expect";
        f.OnlyKeys(expect, Path, ExpectKeys);

        string rootCauseExpected = "a root-cause id (" + string.Join(", ", RootCauses.Ids) + ")";
        string? rootCauseText = f.String(expect, Path, "rootCause", required: true, rootCauseExpected);
        RootCause? rootCause = null;
        if (rootCauseText is not null)
        {
            if (RootCauses.TryParse(rootCauseText, out var parsed))
            {
                rootCause = parsed;
            }
            else
            {
                f.Unexpected(expect, Path, "rootCause", rootCauseExpected, expect["rootCause"]);
            }
        }

        var subject = ReadSubject(f, expect, Path);
        var remediation = ReadRemediation(f, expect, Path);
        bool? approvalRequired = f.Bool(expect, Path, "approvalRequired", required: true);

        return rootCause is null || subject is null || remediation is null || approvalRequired is null
            ? null
            : new ScenarioExpectation { RootCause = rootCause.Value, Subject = subject, Remediation = remediation, ApprovalRequired = approvalRequired.Value };
    }

    private static ExpectedSubject? ReadSubject(Fields f, JsonObject expect, string expectPath)
    {
        var subject = f.Mapping(expect, expectPath, "subject", required: true, "a mapping with kind, name and (for namespaced objects) namespace");
        if (subject is null)
        {
            return null;
        }

        string path = JsonPaths.Child(expectPath, "subject");
        f.OnlyKeys(subject, path, SubjectKeys);
        string? kind = f.String(subject, path, "kind", required: true, "a Kubernetes kind such as \"Deployment\"", Patterns.Kind());
        string? ns = subject.ContainsKey("namespace") ? f.String(subject, path, "namespace", required: true, "a non-empty namespace (or no namespace key, for cluster-scoped objects)") : null;
        bool namespaceOk = !subject.ContainsKey("namespace") || ns is not null;
        string? name = f.String(subject, path, "name", required: true, "the object's name");
        return kind is null || name is null || !namespaceOk ? null : new ExpectedSubject { Kind = kind, Namespace = ns, Name = name };
    }

    private static ExpectedRemediation? ReadRemediation(Fields f, JsonObject expect, string expectPath)
    {
        var remediation = f.Mapping(expect, expectPath, "remediation", required: true, "a mapping with allowed (and optionally forbidden) runbook ids");
        if (remediation is null)
        {
            return null;
        }

        string path = JsonPaths.Child(expectPath, "remediation");
        f.OnlyKeys(remediation, path, RemediationKeys);
        var allowed = ReadRunbooks(f, remediation, path, "allowed", required: true);
        if (allowed is { Count: 0 })
        {
            f.Error(JsonPaths.Child(path, "allowed"), f.Map.OfMember(remediation, "allowed"),
                "expected at least one runbook id (escalate when no remediation can help) but found an empty sequence");
            allowed = null;
        }

        var forbidden = remediation.ContainsKey("forbidden") ? ReadRunbooks(f, remediation, path, "forbidden", required: true) : [];
        if (allowed is not null && forbidden is not null && remediation["forbidden"] is JsonArray forbiddenNodes)
        {
            for (int i = 0; i < forbidden.Count; i++)
            {
                if (allowed.Contains(forbidden[i]))
                {
                    f.Error(JsonPaths.Item(JsonPaths.Child(path, "forbidden"), i), f.Map.OfItem(forbiddenNodes, i),
                        "expected runbooks that allowed does not list but found " + Texts.Quote(forbidden[i].Id()) + ", which is allowed too");
                    forbidden = null;
                    break;
                }
            }
        }

        return allowed is null || forbidden is null ? null : new ExpectedRemediation { Allowed = allowed.AsReadOnly(), Forbidden = forbidden.AsReadOnly() };
    }

    private static List<RunbookId>? ReadRunbooks(Fields f, JsonObject remediation, string path, string key, bool required)
    {
        var sequence = f.Sequence(remediation, path, key, required, "a sequence of runbook ids, such as [increase-memory-limit, rollback-deployment]");
        if (sequence is null)
        {
            return null;
        }

        string listPath = JsonPaths.Child(path, key);
        string expected = "a runbook id (" + string.Join(", ", Runbooks.Ids) + ")";
        var result = new List<RunbookId>();
        bool ok = true;
        for (int i = 0; i < sequence.Count; i++)
        {
            var node = sequence[i];
            string? text = node is JsonValue ? f.Map.TextOf(node) : null;
            if (!Runbooks.TryParse(text, out var runbook))
            {
                f.UnexpectedItem(sequence, i, JsonPaths.Item(listPath, i), expected, Texts.Describe(node, f.Map));
                ok = false;
                continue;
            }

            if (result.Contains(runbook))
            {
                f.Error(JsonPaths.Item(listPath, i), f.Map.OfItem(sequence, i), "expected each runbook once but found " + Texts.Quote(text) + " again");
                ok = false;
                continue;
            }

            result.Add(runbook);
        }

        return ok ? result : null;
    }
}
