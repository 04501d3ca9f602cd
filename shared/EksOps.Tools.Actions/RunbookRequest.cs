using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools.Actions;

/// <summary>
/// The arguments of one <c>execute_runbook</c> call, checked beyond the input schema: the target's kind suits the
/// runbook, a namespaced target names its namespace, and <c>parameters</c> holds only what the runbook takes, with
/// the right types.
/// </summary>
internal sealed class RunbookRequest
{
    private static readonly Dictionary<RunbookId, string[]> AcceptedParameters = new()
    {
        [RunbookId.RestartRollout] = ["restartedAt"],
        [RunbookId.RollbackDeployment] = [],
        [RunbookId.ScaleDeployment] = ["replicas"],
        [RunbookId.IncreaseMemoryLimit] = ["container", "memoryLimit"],
        [RunbookId.IncreaseCpuLimit] = ["container", "cpuLimit"],
        [RunbookId.RaiseHpaMax] = ["maxReplicas"],
        [RunbookId.DeletePod] = [],
        [RunbookId.CordonNode] = [],
        [RunbookId.DrainNode] = ["deleteEmptyDirData"],
        [RunbookId.Escalate] = ["reason"],
    };

    private readonly JsonObject _parameters;

    private RunbookRequest(RunbookId runbook, string kind, string name, string? ns, string? container, JsonObject parameters)
    {
        Runbook = runbook;
        KindName = kind;
        Name = name;
        Namespace = ns;
        Container = container;
        _parameters = parameters;
    }

    public RunbookId Runbook { get; }

    /// <summary>The target's kind as given (escalate accepts any of the schema's kinds without reading it).</summary>
    public string KindName { get; }

    public string Name { get; }

    public string? Namespace { get; }

    /// <summary>The container named by <c>target.container</c> or <c>parameters.container</c>, if any.</summary>
    public string? Container { get; }

    /// <summary>Where the target is served (only for runbooks that act on it).</summary>
    public RunbookTargetKind Kind => RunbookTargetKind.Of(KindName);

    /// <summary><c>Kind/name</c>, what a <see cref="ProposedChange"/> names as its target.</summary>
    public string Target => KindName + "/" + Name;

    /// <summary><c>Deployment shop/checkout</c>, for messages.</summary>
    public string Describe => KindName + " " + (Namespace is null ? Name : Namespace + "/" + Name);

    public static RunbookRequest From(ToolArguments arguments)
    {
        var runbook = Runbooks.Parse(arguments.GetString("runbook"));
        var target = arguments.GetObject("target") ?? throw new ToolException("invalid_target", "target is required");
        string kind = JsonText.Str(target, "kind") ?? throw new ToolException("invalid_target", "target.kind is required");
        string name = JsonText.Str(target, "name") ?? throw new ToolException("invalid_target", "target.name is required");
        string? ns = JsonText.Str(target, "namespace");
        var parameters = arguments.GetObject("parameters") ?? [];

        if (runbook != RunbookId.Escalate && !runbook.Targets(kind))
        {
            throw new ToolException("wrong_kind", $"{runbook.Id()} acts on {string.Join(", ", runbook.TargetKinds())}, not on a {kind}; choose the runbook for a {kind} or target the right object");
        }

        bool namespaced = kind != KubernetesKinds.Node;
        if (namespaced && ns is null)
        {
            throw new ToolException("invalid_target", $"target.namespace is required for a {kind}");
        }

        if (!namespaced && ns is not null)
        {
            throw new ToolException("invalid_target", "a Node has no namespace; leave target.namespace out");
        }

        var accepted = AcceptedParameters[runbook];
        var unknown = parameters.Select(p => p.Key).Where(k => !accepted.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ToolException("invalid_parameters", $"{runbook.Id()} does not take {string.Join(", ", unknown)}; "
                + (accepted.Length == 0 ? "it takes no parameters" : "it takes " + string.Join(", ", accepted)));
        }

        string? container = JsonText.Str(target, "container");
        if (parameters.ContainsKey("container"))
        {
            string fromParameters = OptionalString(parameters, "container", runbook)!;
            if (container is not null && container != fromParameters)
            {
                throw new ToolException("invalid_parameters", $"target.container ({container}) and parameters.container ({fromParameters}) differ; give one");
            }

            container = fromParameters;
        }

        if (container is not null && runbook is not (RunbookId.IncreaseMemoryLimit or RunbookId.IncreaseCpuLimit))
        {
            throw new ToolException("invalid_parameters", $"{runbook.Id()} acts on the whole {kind}; leave target.container out");
        }

        return new RunbookRequest(runbook, kind, name, ns, container, parameters);
    }

    /// <summary>An integer parameter; <see langword="null"/> when absent.</summary>
    public long? OptionalInteger(string name)
    {
        if (_parameters[name] is not { } node)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(JsonText.Write(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
            ? number
            : throw new ToolException("invalid_parameters", $"parameters.{name} must be a whole number (got {JsonText.Write(node)})");
    }

    /// <summary>A string parameter; <see langword="null"/> when absent.</summary>
    public string? OptionalString(string name) => OptionalString(_parameters, name, Runbook);

    /// <summary>A boolean parameter; <see langword="false"/> when absent.</summary>
    public bool Flag(string name) => _parameters[name] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        var other => throw new ToolException("invalid_parameters", $"parameters.{name} must be true or false (got {JsonText.Write(other)})"),
    };

    private static string? OptionalString(JsonObject parameters, string name, RunbookId runbook) => parameters[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim() is { Length: > 0 } text => text,
        var other => throw new ToolException("invalid_parameters", $"parameters.{name} of {runbook.Id()} must be a non-empty string (got {JsonText.Write(other)})"),
    };
}
