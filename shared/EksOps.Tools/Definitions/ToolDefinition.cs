using System.Text.Json.Nodes;
using EksOps.Tools.Internal;
using Json.Schema;

namespace EksOps.Tools;

/// <summary>
/// One tool, described once: the name, title and model-facing text, the parameters (hence the input JSON Schema), the
/// output JSON Schema, the MCP annotations, the policy class and the output cap. Every face and every generated schema
/// is derived from it. Build one with <see cref="Builder(string)"/>; the v1 tools are in <see cref="ToolCatalog"/>.
/// A definition has no body: implementations are bound to it by name in <see cref="ToolRegistryBuilder"/>.
/// </summary>
public sealed class ToolDefinition
{
    /// <summary>The output cap when a definition does not set one: 20,000 bytes of UTF-8 JSON, under the ~25 KB a Bedrock agent takes back from a Lambda.</summary>
    public const int DefaultMaxOutputBytes = 20_000;

    private readonly Func<ToolArguments, ToolCallScope>? _scope;
    private readonly JsonObject _inputSchema;
    private readonly JsonObject _outputSchema;
    private readonly Lazy<JsonSchema> _compiledInput;
    private readonly Lazy<JsonSchema> _compiledOutput;

    internal ToolDefinition(
        string name,
        string title,
        string description,
        IReadOnlyList<ToolParameter> parameters,
        IReadOnlyList<ToolParameterConstraint> constraints,
        JsonObject outputSchema,
        ToolAnnotations annotations,
        ToolPolicyClass policyClass,
        int maxOutputBytes,
        TruncationMode truncation,
        string? namespaceParameter,
        string? dryRunParameter,
        Func<ToolArguments, ToolCallScope>? scope)
    {
        Name = name;
        Title = title;
        Description = description;
        Parameters = parameters;
        Constraints = constraints;
        Annotations = annotations;
        PolicyClass = policyClass;
        MaxOutputBytes = maxOutputBytes;
        Truncation = truncation;
        NamespaceParameter = namespaceParameter;
        DryRunParameter = dryRunParameter;
        _scope = scope;
        _inputSchema = SchemaWriter.InputSchema(parameters);
        _outputSchema = outputSchema;
        _compiledInput = new Lazy<JsonSchema>(() => Compile(_inputSchema, "input"));
        _compiledOutput = new Lazy<JsonSchema>(() => Compile(_outputSchema, "output"));
    }

    /// <summary>The name: snake_case, verb first (<c>get_pod_logs</c>); the same on every face.</summary>
    public string Name { get; }

    /// <summary>A short human-readable title (MCP <c>title</c>, OpenAPI <c>summary</c>).</summary>
    public string Title { get; }

    /// <summary>What the tool does and when to use it, written for a model; at most 1,200 characters (Bedrock's function limit).</summary>
    public string Description { get; }

    /// <summary>The parameters, in the order models see them (required ones first by convention).</summary>
    public IReadOnlyList<ToolParameter> Parameters { get; }

    /// <summary>Rules across parameters (at most one / exactly one of a group).</summary>
    public IReadOnlyList<ToolParameterConstraint> Constraints { get; }

    /// <summary>The MCP annotations.</summary>
    public ToolAnnotations Annotations { get; }

    /// <summary>The policy class: read, sensitive read or write.</summary>
    public ToolPolicyClass PolicyClass { get; }

    /// <summary>The most UTF-8 bytes of JSON a result may have; longer results are cut with an explicit <c>_truncated</c> report.</summary>
    public int MaxOutputBytes { get; }

    /// <summary>Which end of an over-long result is kept.</summary>
    public TruncationMode Truncation { get; }

    /// <summary>The parameter that names the Kubernetes namespace the call acts in, if any (policy namespace rules apply to it).</summary>
    public string? NamespaceParameter { get; }

    /// <summary>For a write tool, the boolean parameter that asks for the plan (server-side dry run) only.</summary>
    public string? DryRunParameter { get; }

    /// <summary>Whether the tool changes anything (<see cref="ToolPolicyClass.Write"/>).</summary>
    public bool IsWrite => PolicyClass == ToolPolicyClass.Write;

    internal JsonSchema CompiledInputSchema => _compiledInput.Value;

    internal JsonSchema CompiledOutputSchema => _compiledOutput.Value;

    /// <summary>Starts a definition.</summary>
    /// <param name="name">The tool name, snake_case and verb first.</param>
    /// <returns>A builder; <see cref="ToolDefinitionBuilder.Build"/> checks every rule.</returns>
    public static ToolDefinitionBuilder Builder(string name) => new(name);

    /// <summary>A new copy of the input JSON Schema (<c>type: object</c>, the parameters, <c>additionalProperties: false</c>).</summary>
    /// <returns>The schema; the caller may change it.</returns>
    public JsonObject CreateInputSchema() => (JsonObject)_inputSchema.DeepClone();

    /// <summary>A new copy of the output JSON Schema (it includes the optional <c>_truncated</c> report).</summary>
    /// <returns>The schema; the caller may change it.</returns>
    public JsonObject CreateOutputSchema() => (JsonObject)_outputSchema.DeepClone();

    /// <summary>The parameter with this name, or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name (exact, case-sensitive).</param>
    /// <returns>The parameter, if declared.</returns>
    public ToolParameter? FindParameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.Ordinal))
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>
    /// What a call with these (validated) arguments touches: the definition's own scope function if it has one; else
    /// the <see cref="NamespaceParameter"/>'s value (<see cref="ToolCallScope.AllNamespaces"/> when omitted) and the
    /// definition's class.
    /// </summary>
    /// <param name="arguments">The validated arguments.</param>
    /// <returns>The scope.</returns>
    public ToolCallScope ResolveScope(ToolArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (_scope is not null)
        {
            var scope = _scope(arguments);

            // A scope function may raise the class (a Secret read is sensitive) but never lower it.
            return scope.PolicyClass < PolicyClass ? scope with { PolicyClass = PolicyClass } : scope;
        }

        string? ns = NamespaceParameter is null ? null : arguments.GetOptionalString(NamespaceParameter) ?? ToolCallScope.AllNamespaces;
        return new ToolCallScope(ns, PolicyClass);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private JsonSchema Compile(JsonObject schema, string which)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.Build(ToolJson.ToElement(schema), options, new Uri($"https://eksops.invalid/tools/{Name}/{which}.json"));
    }
}
