using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Tools.Internal;
using Json.Schema;

namespace EksOps.Tools;

/// <summary>
/// Validates untrusted arguments against a tool's input schema with JsonSchema.Net (every keyword: types, required,
/// unknown properties, enums, bounds, lengths, patterns, <c>date-time</c> formats, nested objects) and the
/// definition's cross-parameter constraints. Every violation is reported, each with its JSON Pointer and a message a
/// model can act on.
/// </summary>
public static class ToolArgumentValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Checks arguments against the definition.</summary>
    /// <param name="definition">The tool.</param>
    /// <param name="arguments">The arguments as received (after Bedrock coercion, where that applies); <see langword="null"/> means none.</param>
    /// <returns>Every violation, ordered by path; empty when the arguments are valid.</returns>
    public static IReadOnlyList<ToolArgumentError> Validate(ToolDefinition definition, JsonObject? arguments)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var instance = arguments ?? new JsonObject();
        var results = definition.CompiledInputSchema.Evaluate(ToolJson.ToElement(instance), Options);
        var errors = new List<ToolArgumentError>();
        if (!results.IsValid)
        {
            foreach (var detail in results.Details ?? [])
            {
                if (detail.Errors is null)
                {
                    continue;
                }

                string location = detail.InstanceLocation.ToString();
                foreach (var (keyword, message) in detail.Errors)
                {
                    Translate(definition, instance, location, detail.EvaluationPath.ToString(), keyword, message, errors);
                }
            }

            if (errors.Count == 0)
            {
                errors.Add(new ToolArgumentError(string.Empty, "the arguments do not match the tool's input schema"));
            }
        }

        CheckConstraints(definition, instance, errors);
        return [.. errors.Distinct().OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)];
    }

    private static void Translate(
        ToolDefinition definition, JsonObject instance, string location, string evaluationPath, string keyword, string fallback, List<ToolArgumentError> errors)
    {
        var segments = Segments(location);
        var value = ValueAt(instance, segments);
        var target = ParameterAt(definition, segments);
        switch (keyword)
        {
            case "required":
                foreach (var (name, description) in MissingRequired(definition, segments, value as JsonObject))
                {
                    errors.Add(new ToolArgumentError(location + "/" + Escape(name), "is required: " + description));
                }

                return;
            case "" or "false" or "additionalProperties" when evaluationPath.EndsWith("additionalProperties", StringComparison.Ordinal) && segments.Count > 0:
                errors.Add(new ToolArgumentError(location, UnknownProperty(definition, segments)));
                return;
            default:
                break;
        }

        var parameter = target.Parameter;
        string got = Preview(value);
        string message = keyword switch
        {
            "type" => $"expected {Expected(target)} but got {Describe(value)}" + NumericHint(target, value),
            "enum" when target.Enum is { } values => $"must be one of {string.Join(", ", values)} (got {got})",
            "minimum" when parameter?.Minimum is double min => $"must be at least {Format(min)} (got {got})",
            "maximum" when parameter?.Maximum is double max => $"must be at most {Format(max)} (got {got})",
            "minLength" when parameter?.MinLength is int minLength => $"must be at least {minLength} characters long (got {got})",
            "maxLength" when parameter?.MaxLength is int maxLength => $"must be at most {maxLength} characters long (got {Length(value)} characters)",
            "pattern" when parameter?.Pattern is string pattern => $"must match {pattern} (got {got})",
            "format" when parameter?.Format == "date-time" => $"must be an RFC 3339 date-time such as 2026-11-20T10:00:00Z (got {got})",
            "maxItems" when parameter?.MaxItems is int maxItems => $"must have at most {maxItems} items (got {(value as JsonArray)?.Count})",
            _ => fallback,
        };
        if (parameter is not null && keyword is "pattern" or "enum" or "type")
        {
            message += " — " + parameter.Description;
        }

        errors.Add(new ToolArgumentError(location, message));
    }

    private static void CheckConstraints(ToolDefinition definition, JsonObject instance, List<ToolArgumentError> errors)
    {
        foreach (var constraint in definition.Constraints)
        {
            var given = constraint.Parameters.Where(name => instance[name] is not null).ToList();
            string names = string.Join(", ", constraint.Parameters);
            if (given.Count > 1)
            {
                errors.Add(new ToolArgumentError(string.Empty, $"give at most one of {names} (got {string.Join(" and ", given)})"));
            }
            else if (constraint.ExactlyOne && given.Count == 0)
            {
                errors.Add(new ToolArgumentError(string.Empty, $"give exactly one of {names}"));
            }
        }
    }

    private static IEnumerable<(string Name, string Description)> MissingRequired(ToolDefinition definition, List<string> segments, JsonObject? value)
    {
        IReadOnlyList<ToolParameter> declared = segments.Count == 0
            ? definition.Parameters
            : ParameterAt(definition, segments).Parameter?.Properties ?? [];
        foreach (var parameter in declared)
        {
            if (parameter.Required && (value is null || !value.ContainsKey(parameter.Name)))
            {
                yield return (parameter.Name, parameter.Description);
            }
        }
    }

    private static string UnknownProperty(ToolDefinition definition, List<string> segments)
    {
        string name = segments[^1];
        if (segments.Count == 1)
        {
            return $"{name} is not a parameter of {definition.Name}; its parameters are {string.Join(", ", definition.Parameters.Select(p => p.Name))}";
        }

        var owner = ParameterAt(definition, segments.Take(segments.Count - 1).ToList()).Parameter;
        var allowed = owner?.Properties?.Select(p => p.Name) ?? [];
        return $"{name} is not a property of {owner?.Name ?? "this object"}; its properties are {string.Join(", ", allowed)}";
    }

    /// <summary>The parameter a location refers to, and whether it is an item of an array or a value of a map.</summary>
    private static Target ParameterAt(ToolDefinition definition, List<string> segments)
    {
        if (segments.Count == 0)
        {
            return default;
        }

        var parameter = definition.FindParameter(segments[0]);
        for (int i = 1; i < segments.Count && parameter is not null; i++)
        {
            if (parameter.Type == ToolParameterType.StringArray && i == segments.Count - 1)
            {
                return new Target(parameter, ToolParameterType.String, parameter.Enum);
            }

            if (parameter.Type == ToolParameterType.Object && parameter.ValueType is ToolParameterType valueType && i == segments.Count - 1)
            {
                return new Target(parameter, valueType, null);
            }

            parameter = parameter.Properties?.FirstOrDefault(p => p.Name == segments[i]);
        }

        return parameter is null ? default : new Target(parameter, parameter.Type, parameter.Enum);
    }

    private static JsonNode? ValueAt(JsonNode? node, List<string> segments)
    {
        foreach (string segment in segments)
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node;
    }

    private static List<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Expected(Target target) => target.Type switch
    {
        ToolParameterType.String => "a string",
        ToolParameterType.Integer => "an integer",
        ToolParameterType.Number => "a number",
        ToolParameterType.Boolean => "a boolean (true or false)",
        ToolParameterType.StringArray => "an array of strings, such as [\"a\", \"b\"]",
        ToolParameterType.Object => "a JSON object",
        _ => "a different type",
    };

    private static string NumericHint(Target target, JsonNode? value)
    {
        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            string text = scalar.GetValue<string>();
            if (target.Type is ToolParameterType.Integer or ToolParameterType.Number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return $"; send {text} without quotes";
            }

            if (target.Type == ToolParameterType.Boolean && bool.TryParse(text, out _))
            {
                return $"; send {text.ToLowerInvariant()} without quotes";
            }
        }

        return string.Empty;
    }

    private static string Describe(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => "a string " + Preview(value),
        JsonValueKind.Number => Preview(value) is var n && n.Contains('.', StringComparison.Ordinal) ? "the number " + n : "the integer " + Preview(value),
        JsonValueKind.True or JsonValueKind.False => "the boolean " + Preview(value),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Preview(JsonNode? value)
    {
        string text = ToolJson.Serialize(value);
        return text.Length <= 60 ? text : text[..57] + "…";
    }

    private static int Length(JsonNode? value) => value is JsonValue scalar && scalar.TryGetValue(out string? text) ? text.Length : 0;

    private static string Format(double value) => value.ToString("0.################", CultureInfo.InvariantCulture);

    private readonly record struct Target(ToolParameter? Parameter, ToolParameterType? Type, IReadOnlyList<string>? Enum);
}
