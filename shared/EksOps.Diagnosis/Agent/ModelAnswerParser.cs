using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// Reads the structured answer from the agent's final text: the last fenced block that holds a JSON object (or the
/// whole text when it is one), with the members of the requested shape and their types checked.
/// </summary>
internal static partial class ModelAnswerParser
{
    private const int MaxRationaleCharacters = 2000;
    private const int MaxEvidenceIds = 50;

    public static bool TryParse(string text, [NotNullWhen(true)] out ModelAnswer? answer, [NotNullWhen(false)] out string? problem)
    {
        answer = null;
        var candidates = Fence().Matches(text).Select(m => m.Groups["body"].Value).Reverse().Append(text);
        JsonObject? json = null;
        foreach (var candidate in candidates)
        {
            if (TryObject(candidate, out json))
            {
                break;
            }
        }

        if (json is null)
        {
            problem = "the final answer holds no fenced JSON object";
            return false;
        }

        problem = Read(json, out answer);
        return problem is null;
    }

    private static string? Read(JsonObject json, out ModelAnswer? answer)
    {
        answer = null;
        if (Text(json, "rootCause") is not { } rootCause)
        {
            return "the answer has no rootCause string";
        }

        if (Reference(json["subject"], out var subject) is { } subjectProblem)
        {
            return "subject: " + subjectProblem;
        }

        if (Text(json, "rationale") is not { } rationale)
        {
            return "the answer has no rationale string";
        }

        if (json["evidence"] is not JsonArray cited || cited.Count > MaxEvidenceIds || cited.Any(id => id?.GetValueKind() != JsonValueKind.String))
        {
            return $"evidence must be an array of at most {MaxEvidenceIds} id strings";
        }

        double? confidence = null;
        if (json["confidence"] is { } reported)
        {
            if (reported.GetValueKind() != JsonValueKind.Number || reported.GetValue<double>() is < 0 or > 1)
            {
                return "confidence must be a number from 0 to 1";
            }

            confidence = reported.GetValue<double>();
        }

        ModelProposal? proposal = null;
        switch (json["proposal"])
        {
            case null:
                break;
            case JsonValue none when none.GetValueKind() == JsonValueKind.String && none.GetValue<string>() == "none":
                break;
            case JsonObject proposed:
                if (Text(proposed, "runbook") is not { } runbook)
                {
                    return "proposal: no runbook string";
                }

                ObjectRef? target = null;
                if (proposed["target"] is { } targetNode && Reference(targetNode, out target) is { } targetProblem)
                {
                    return "proposal.target: " + targetProblem;
                }

                if (proposed["parameters"] is { } parameters && parameters is not JsonObject)
                {
                    return "proposal.parameters must be an object";
                }

                proposal = new ModelProposal
                {
                    Runbook = runbook,
                    Target = target,
                    Parameters = proposed["parameters"] is JsonObject given ? JsonFields.Compact(given) : null,
                };
                break;
            default:
                return "proposal must be an object, null or \"none\"";
        }

        answer = new ModelAnswer
        {
            RootCause = rootCause,
            Subject = subject!,
            Proposal = proposal,
            Rationale = rationale.Length > MaxRationaleCharacters ? rationale[..MaxRationaleCharacters] + "…" : rationale,
            EvidenceIds = [.. cited.Select(id => id!.GetValue<string>())],
            Confidence = confidence,
        };
        return null;
    }

    private static string? Reference(JsonNode? node, out ObjectRef? reference)
    {
        reference = null;
        if (node is not JsonObject obj)
        {
            return "must be an object {kind, namespace, name}";
        }

        if (Text(obj, "kind") is not { } kind || Text(obj, "name") is not { } name)
        {
            return "kind and name must be non-empty strings";
        }

        string? ns = null;
        if (obj["namespace"] is { } given)
        {
            if (given.GetValueKind() != JsonValueKind.String)
            {
                return "namespace must be a string or null";
            }

            ns = given.GetValue<string>() is { Length: > 0 } text ? text : null;
        }

        reference = new ObjectRef(kind, ns, name);
        return null;
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : null;

    private static bool TryObject(string text, [NotNullWhen(true)] out JsonObject? json)
    {
        try
        {
            json = JsonNode.Parse(text.Trim()) as JsonObject;
            return json is not null;
        }
        catch (JsonException)
        {
            json = null;
            return false;
        }
    }

    [GeneratedRegex(@"```[ \t]*(?:json)?[ \t]*\r?\n(?<body>.*?)\r?\n?```", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Fence();
}
