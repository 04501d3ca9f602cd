using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Tools.Internal;

namespace EksOps.Tools;

/// <summary>
/// Builds a <see cref="ToolDefinition"/>. <see cref="Build"/> checks every rule that keeps the definition servable on
/// every face (names, description lengths, parameter constraints, a clean output schema, annotations that agree with
/// the policy class) and throws <see cref="ToolDefinitionException"/> listing all problems at once.
/// </summary>
public sealed partial class ToolDefinitionBuilder
{
    /// <summary>Most characters in a tool description (Bedrock function description limit).</summary>
    public const int MaxDescriptionLength = 1200;

    /// <summary>Most characters in a parameter description (Bedrock parameter description limit).</summary>
    public const int MaxParameterDescriptionLength = 500;

    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal)
    {
        "analyze", "apply", "check", "create", "delete", "describe", "execute", "find", "get", "list", "patch", "put",
        "query", "restart", "run", "scale", "search", "send", "start", "stop", "update", "watch",
    };

    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal) { "date-time" };

    private readonly string _name;
    private readonly List<ToolParameter> _parameters = [];
    private readonly List<ToolParameterConstraint> _constraints = [];
    private string _title = string.Empty;
    private string _description = string.Empty;
    private ToolAnnotations? _annotations;
    private ToolPolicyClass _policyClass = ToolPolicyClass.Read;
    private string? _outputSchema;
    private int _maxOutputBytes = ToolDefinition.DefaultMaxOutputBytes;
    private TruncationMode _truncation = TruncationMode.KeepStart;
    private string? _namespaceParameter;
    private string? _dryRunParameter;
    private Func<ToolArguments, ToolCallScope>? _scope;

    internal ToolDefinitionBuilder(string name) => _name = name ?? string.Empty;

    /// <summary>Sets the short human-readable title.</summary>
    /// <param name="title">The title, 1 to 100 characters.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder Title(string title)
    {
        _title = title;
        return this;
    }

    /// <summary>Sets the model-facing description: what the tool does, when to use it, what it returns.</summary>
    /// <param name="description">1 to 1,200 characters.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the policy class (default <see cref="ToolPolicyClass.Read"/>).</summary>
    /// <param name="policyClass">The class.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder PolicyClass(ToolPolicyClass policyClass)
    {
        _policyClass = policyClass;
        return this;
    }

    /// <summary>Sets the MCP annotations (required: MCP's defaults are unsafe for reads).</summary>
    /// <param name="annotations">The annotations.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder Annotations(ToolAnnotations annotations)
    {
        _annotations = annotations;
        return this;
    }

    /// <summary>Adds a parameter.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder Parameter(ToolParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        _parameters.Add(parameter);
        return this;
    }

    /// <summary>Adds a rule across parameters.</summary>
    /// <param name="constraint">The rule.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder Constraint(ToolParameterConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        _constraints.Add(constraint);
        return this;
    }

    /// <summary>
    /// Sets the output JSON Schema (required): a <c>type: object</c> schema in which every node has a type, arrays say
    /// what their items are, and <c>anyOf</c>/<c>oneOf</c>/<c>"default": null</c>/<c>"items": {}</c> do not occur.
    /// An optional <c>_truncated</c> property (the truncation report) is added to it.
    /// </summary>
    /// <param name="json">The schema as JSON text.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder OutputSchema(string json)
    {
        _outputSchema = json;
        return this;
    }

    /// <summary>Sets the output cap and which end of an over-long result to keep.</summary>
    /// <param name="maxBytes">1,024 to 1,048,576 bytes of UTF-8 JSON.</param>
    /// <param name="truncation">Which end to keep.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder MaxOutputBytes(int maxBytes, TruncationMode truncation = TruncationMode.KeepStart)
    {
        _maxOutputBytes = maxBytes;
        _truncation = truncation;
        return this;
    }

    /// <summary>Names the string parameter that holds the Kubernetes namespace the call acts in.</summary>
    /// <param name="parameterName">The parameter.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder KubernetesNamespace(string parameterName)
    {
        _namespaceParameter = parameterName;
        return this;
    }

    /// <summary>Names the boolean parameter of a write tool that asks for the plan only (no change).</summary>
    /// <param name="parameterName">The parameter.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder DryRun(string parameterName)
    {
        _dryRunParameter = parameterName;
        return this;
    }

    /// <summary>Sets how a call's scope (namespace, effective class) is derived from its arguments.</summary>
    /// <param name="scope">The function; it may raise the class, never lower it.</param>
    /// <returns>This builder.</returns>
    public ToolDefinitionBuilder Scope(Func<ToolArguments, ToolCallScope> scope)
    {
        _scope = scope;
        return this;
    }

    /// <summary>Checks every rule and creates the definition.</summary>
    /// <returns>The definition.</returns>
    /// <exception cref="ToolDefinitionException">A rule is broken; the message lists every problem.</exception>
    public ToolDefinition Build()
    {
        var problems = new List<string>();
        CheckName(problems);
        if (string.IsNullOrWhiteSpace(_title) || _title.Length > 100)
        {
            problems.Add("the title must be 1 to 100 characters");
        }

        if (string.IsNullOrWhiteSpace(_description) || _description.Length > MaxDescriptionLength)
        {
            problems.Add($"the description must be 1 to {MaxDescriptionLength} characters (it has {_description.Length})");
        }

        CheckParameters(_parameters, string.Empty, nested: false, problems);
        CheckConstraints(problems);
        CheckAnnotations(problems);
        CheckSpecialParameters(problems);
        if (_maxOutputBytes is < 1024 or > 1_048_576)
        {
            problems.Add("the output cap must be 1,024 to 1,048,576 bytes");
        }

        var output = ReadOutputSchema(problems);
        if (problems.Count > 0)
        {
            throw new ToolDefinitionException(_name.Length == 0 ? "(unnamed tool)" : _name, problems);
        }

        return new ToolDefinition(
            _name,
            _title,
            _description,
            _parameters.AsReadOnly(),
            _constraints.AsReadOnly(),
            output!,
            _annotations!,
            _policyClass,
            _maxOutputBytes,
            _truncation,
            _namespaceParameter,
            _dryRunParameter,
            _scope);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolNamePattern();

    [GeneratedRegex("^[a-z][a-zA-Z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterNamePattern();

    private void CheckName(List<string> problems)
    {
        if (!ToolNamePattern().IsMatch(_name) || _name.Length > 64)
        {
            problems.Add("the name must be snake_case with at least two words, at most 64 characters (for example get_pod_logs)");
            return;
        }

        string verb = _name[.._name.IndexOf('_', StringComparison.Ordinal)];
        if (!Verbs.Contains(verb))
        {
            problems.Add($"the name must start with a verb ({string.Join(", ", Verbs.Order(StringComparer.Ordinal))}); \"{verb}\" is not one");
        }
    }

    private static void CheckParameters(IReadOnlyList<ToolParameter> parameters, string prefix, bool nested, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            string at = "parameter " + prefix + p.Name;
            if (!ParameterNamePattern().IsMatch(p.Name ?? string.Empty))
            {
                problems.Add($"{at}: the name must be camelCase, 1 to 64 characters");
            }

            if (!seen.Add(p.Name ?? string.Empty))
            {
                problems.Add($"{at}: declared twice");
            }

            if (string.IsNullOrWhiteSpace(p.Description) || p.Description.Length > MaxParameterDescriptionLength)
            {
                problems.Add($"{at}: the description must be 1 to {MaxParameterDescriptionLength} characters");
            }

            bool isString = p.Type is ToolParameterType.String or ToolParameterType.StringArray;
            bool isNumeric = p.Type is ToolParameterType.Integer or ToolParameterType.Number;
            if (p.Enum is { } values && (!isString || values.Count == 0 || values.Distinct(StringComparer.Ordinal).Count() != values.Count))
            {
                problems.Add($"{at}: an enum needs a string type and distinct values");
            }

            if ((p.Minimum is not null || p.Maximum is not null) && !isNumeric)
            {
                problems.Add($"{at}: minimum/maximum apply to integers and numbers only");
            }

            if (p.Minimum is double min && p.Maximum is double max && min > max)
            {
                problems.Add($"{at}: minimum is above maximum");
            }

            if ((p.MinLength is not null || p.MaxLength is not null || p.Pattern is not null) && !isString)
            {
                problems.Add($"{at}: minLength/maxLength/pattern apply to strings only");
            }

            if (p.Pattern is not null && !IsValidPattern(p.Pattern))
            {
                problems.Add($"{at}: the pattern is not a valid regular expression");
            }

            if (p.Format is not null && (p.Type != ToolParameterType.String || !Formats.Contains(p.Format)))
            {
                problems.Add($"{at}: the only supported format is date-time, on a string");
            }

            if (p.MaxItems is not null && p.Type != ToolParameterType.StringArray)
            {
                problems.Add($"{at}: maxItems applies to string arrays only");
            }

            if (p.Properties is not null && p.ValueType is not null)
            {
                problems.Add($"{at}: an object has either declared properties or a value type, not both");
            }

            if ((p.Properties is not null || p.ValueType is not null) && p.Type != ToolParameterType.Object)
            {
                problems.Add($"{at}: properties and value types apply to objects only");
            }

            if (p.ValueType is ToolParameterType.StringArray or ToolParameterType.Object)
            {
                problems.Add($"{at}: a map's value type must be string, integer, number or boolean");
            }

            if (p.Required && p.Advanced)
            {
                problems.Add($"{at}: a required parameter cannot be advanced (it would be folded away)");
            }

            if (nested && p.Advanced)
            {
                problems.Add($"{at}: only top-level parameters can be advanced");
            }

            if (p.Default is not null)
            {
                if (p.Required)
                {
                    problems.Add($"{at}: a required parameter has no default");
                }
                else if (!DefaultFits(p))
                {
                    problems.Add($"{at}: the default does not satisfy the parameter's own type and constraints");
                }
            }

            if (p.Properties is { } properties)
            {
                CheckParameters(properties, prefix + p.Name + ".", nested: true, problems);
            }
        }
    }

    private static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool DefaultFits(ToolParameter p)
    {
        var schema = SchemaWriter.ParameterSchema(p with { Default = null });
        var compiled = Json.Schema.JsonSchema.Build(
            ToolJson.ToElement(schema),
            new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() },
            new Uri("https://eksops.invalid/default-check.json"));
        return compiled.Evaluate(ToolJson.ToElement(p.Default), new Json.Schema.EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    private void CheckConstraints(List<string> problems)
    {
        foreach (var constraint in _constraints)
        {
            if (constraint.Parameters.Count < 2)
            {
                problems.Add("a constraint needs at least two parameters");
            }

            foreach (string name in constraint.Parameters)
            {
                var parameter = _parameters.Find(p => p.Name == name);
                if (parameter is null)
                {
                    problems.Add($"a constraint names {name}, which is not a parameter");
                }
                else if (parameter.Required || parameter.Default is not null)
                {
                    problems.Add($"a constraint names {name}, which is required or has a default, so it is always given");
                }
            }
        }
    }

    private void CheckAnnotations(List<string> problems)
    {
        if (_annotations is null)
        {
            problems.Add("annotations are required (readOnlyHint, destructiveHint, idempotentHint, openWorldHint)");
            return;
        }

        bool write = _policyClass == ToolPolicyClass.Write;
        if (_annotations.ReadOnly == write)
        {
            problems.Add(write
                ? "a write tool cannot carry readOnlyHint: true"
                : "a read tool must carry readOnlyHint: true");
        }

        if (!write && _annotations.Destructive)
        {
            problems.Add("a read tool cannot be destructive");
        }
    }

    private void CheckSpecialParameters(List<string> problems)
    {
        if (_namespaceParameter is not null && _parameters.Find(p => p.Name == _namespaceParameter)?.Type != ToolParameterType.String)
        {
            problems.Add($"the namespace parameter {_namespaceParameter} must be a declared string parameter");
        }

        if (_dryRunParameter is not null)
        {
            if (_policyClass != ToolPolicyClass.Write)
            {
                problems.Add("only a write tool has a dry-run parameter");
            }

            if (_parameters.Find(p => p.Name == _dryRunParameter)?.Type != ToolParameterType.Boolean)
            {
                problems.Add($"the dry-run parameter {_dryRunParameter} must be a declared boolean parameter");
            }
        }
    }

    private JsonObject? ReadOutputSchema(List<string> problems)
    {
        if (_outputSchema is null)
        {
            problems.Add("an output schema is required");
            return null;
        }

        JsonNode? node;
        try
        {
            node = ToolJson.Parse(_outputSchema);
        }
        catch (System.Text.Json.JsonException e)
        {
            problems.Add("the output schema is not JSON: " + e.Message);
            return null;
        }

        if (node is not JsonObject schema || schema["type"]?.GetValue<string>() != "object")
        {
            problems.Add("the output schema must be an object schema (\"type\": \"object\")");
            return null;
        }

        foreach (string problem in SchemaRules.Check(schema))
        {
            problems.Add("output schema " + problem);
        }

        var properties = schema["properties"] as JsonObject ?? new JsonObject();
        schema["properties"] = properties;
        properties[ToolOutputLimiter.ReportProperty] = TruncationSchema();
        return schema;
    }

    private static JsonObject TruncationSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "Present only when the result was cut to the output cap: what was omitted, and how to ask for less.",
        ["properties"] = new JsonObject
        {
            ["message"] = new JsonObject { ["type"] = "string" },
            ["originalBytes"] = new JsonObject { ["type"] = "integer" },
            ["returnedBytes"] = new JsonObject { ["type"] = "integer" },
            ["limitBytes"] = new JsonObject { ["type"] = "integer" },
            ["cuts"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["path"] = new JsonObject { ["type"] = "string", ["description"] = "JSON Pointer of the cut array or string" },
                        ["omitted"] = new JsonObject { ["type"] = "string", ["description"] = "what was left out, e.g. \"120 of 150 items\"" },
                    },
                },
            },
        },
    };
}
