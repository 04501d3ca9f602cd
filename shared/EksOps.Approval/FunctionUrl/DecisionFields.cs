using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Approval.Internal;

namespace EksOps.Approval.FunctionUrl;

/// <summary>The fields a decision body may carry (a form or a JSON object), checked for size and type.</summary>
internal sealed class DecisionFields
{
    public const int MaxApproverChars = 100;

    public const int MaxReasonChars = 1000;

    private readonly Dictionary<string, string> _values;

    private DecisionFields(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;

    /// <summary>Reads the body: a form, a JSON object of strings, or nothing. <paramref name="error"/> says what is wrong, with the status to answer.</summary>
    public static DecisionFields? Read(HttpRequestView http, out (int Status, string Message) error)
    {
        error = default;
        string? body = http.ReadBody();
        if (body is null)
        {
            error = (400, "the body is not valid base64-encoded UTF-8");
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.Trim().Length > 0)
        {
            switch (http.ContentType)
            {
                case "application/x-www-form-urlencoded":
                    if (!QueryString.TryParse(body, out values, out string formError))
                    {
                        error = (400, "the form is malformed: " + formError);
                        return null;
                    }

                    break;
                case "application/json":
                    if (!TryReadJson(body, values, out string jsonError))
                    {
                        error = (400, jsonError);
                        return null;
                    }

                    break;
                default:
                    error = (415, "send the decision as application/x-www-form-urlencoded or application/json");
                    return null;
            }
        }

        foreach (var (name, value) in values.ToList())
        {
            // Control characters have no place in a name or a reason, and would garble logs and the page.
            values[name] = new string([.. value.Select(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? ' ' : c)]).Trim();
        }

        var fields = new DecisionFields(values);
        if (fields["approver"] is { Length: > MaxApproverChars })
        {
            error = (400, $"the approver name has more than {MaxApproverChars} characters");
            return null;
        }

        if (fields["reason"] is { Length: > MaxReasonChars })
        {
            error = (400, $"the reason has more than {MaxReasonChars} characters");
            return null;
        }

        return fields;
    }

    private static bool TryReadJson(string body, Dictionary<string, string> values, out string error)
    {
        error = string.Empty;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            error = "the body is not valid JSON";
            return false;
        }

        if (root is not JsonObject obj)
        {
            error = "the body must be a JSON object";
            return false;
        }

        foreach (var (name, node) in obj)
        {
            if (node is null)
            {
                continue;
            }

            if (JsonRead.AsString(node) is not { } text)
            {
                error = $"the field '{name}' must be a string";
                return false;
            }

            values[name] = text;
        }

        return true;
    }
}
