using System.Text.Json;
using EksOps.StateMachine.Definition.States;
using EksOps.StateMachine.Json;

namespace EksOps.StateMachine.Definition;

/// <summary>
/// A validated Amazon States Language definition (JSONPath query language), ready to run with
/// <see cref="Execution.LocalStepFunctions"/>. Everything the executor needs is checked when it is loaded, so an
/// unsupported feature or a broken transition fails here, loudly, not in the middle of an execution.
/// </summary>
/// <example>
/// <code>
/// var definition = StateMachineDefinition.Load("statemachine/incident.asl.json", new Dictionary&lt;string, string&gt;
/// {
///     ["InvestigateFunctionArn"] = "Investigate",
///     ["RemediateFunctionArn"] = "Remediate",
///     ["ApprovalFunctionArn"] = "Approval",
///     ["ReportFunctionArn"] = "Report",
/// });
/// </code>
/// </example>
public sealed class StateMachineDefinition
{
    private StateMachineDefinition(
        string json, string startAt, string? comment, int? timeoutSeconds, IReadOnlyDictionary<string, StateDefinition> states)
    {
        Json = json;
        StartAt = startAt;
        Comment = comment;
        TimeoutSeconds = timeoutSeconds;
        States = states;
        StateNames = [.. states.Keys];
        LambdaFunctionNames = [.. states.Values.OfType<TaskState>().Select(t => t.StaticFunctionName).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The definition as JSON, with the substitutions applied (what <c>CreateStateMachine</c> would be given).</summary>
    public string Json { get; }

    /// <summary><c>StartAt</c>.</summary>
    public string StartAt { get; }

    /// <summary>The top-level <c>Comment</c>, if any.</summary>
    public string? Comment { get; }

    /// <summary>The execution's <c>TimeoutSeconds</c>, if set.</summary>
    public int? TimeoutSeconds { get; }

    /// <summary>The states' names, in the order the definition lists them.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>The Lambda functions the Task states name literally (after substitution), each once: what a local runner has to serve.</summary>
    public IReadOnlyList<string> LambdaFunctionNames { get; }

    /// <summary>The states by name.</summary>
    internal IReadOnlyDictionary<string, StateDefinition> States { get; }

    /// <summary>Parses and validates a definition.</summary>
    /// <param name="json">The definition (JSON text; <c>${Name}</c> placeholders allowed in strings).</param>
    /// <param name="substitutions">The values of the placeholders (SAM's <c>DefinitionSubstitutions</c>); every placeholder needs one and every one must be used.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="StateMachineDefinitionException">The text is not JSON, a substitution is missing or unused, or the definition is invalid or uses an unsupported feature; the message names the state and field.</exception>
    public static StateMachineDefinition Parse(string json, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        System.Text.Json.Nodes.JsonNode? root;
        try
        {
            root = JsonValues.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new StateMachineDefinitionException($"The definition is not valid JSON: {ex.Message}", ex);
        }

        root = DefinitionSubstitutions.Apply(root, substitutions ?? new Dictionary<string, string>());
        var (startAt, comment, timeout, states) = DefinitionReader.Read(root);
        return new StateMachineDefinition(JsonValues.ToJson(root), startAt, comment, timeout, states);
    }

    /// <summary>Reads, parses and validates a definition file.</summary>
    /// <param name="path">The file, e.g. <c>statemachine/incident.asl.json</c>.</param>
    /// <param name="substitutions">The values of the placeholders; see <see cref="Parse"/>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="StateMachineDefinitionException">See <see cref="Parse"/>; the message also names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static StateMachineDefinition Load(string path, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = File.ReadAllText(path);
        try
        {
            return Parse(json, substitutions);
        }
        catch (StateMachineDefinitionException ex)
        {
            throw new StateMachineDefinitionException(path, ex);
        }
    }
}
