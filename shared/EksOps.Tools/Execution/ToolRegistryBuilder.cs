using System.Text.Json.Nodes;

namespace EksOps.Tools;

/// <summary>
/// Builds a <see cref="ToolRegistry"/>: add definitions (usually <see cref="ToolCatalog.All"/>), bind a body to each by
/// name, build. A definition left without a body makes <see cref="Build"/> fail with the names of the unbound tools —
/// nothing is served that would only pretend to work; leave a tool out with <see cref="Without"/> instead.
/// </summary>
public sealed class ToolRegistryBuilder
{
    private readonly ClusterRegistry _clusters;
    private readonly ToolPolicy _policy;
    private readonly List<ToolDefinition> _definitions = [];
    private readonly Dictionary<string, ToolBinding> _bindings = new(StringComparer.Ordinal);
    private bool _validateOutput;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>Starts a registry over a cluster registry and a policy.</summary>
    /// <param name="clusters">The clusters the tools may reach.</param>
    /// <param name="policy">The policy every call goes through.</param>
    public ToolRegistryBuilder(ClusterRegistry clusters, ToolPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(policy);
        _clusters = clusters;
        _policy = policy;
    }

    /// <summary>Adds definitions; each must be bound before <see cref="Build"/>.</summary>
    /// <param name="definitions">The definitions.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ToolBindingException">A name is added twice.</exception>
    public ToolRegistryBuilder Add(params IEnumerable<ToolDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var definition in definitions)
        {
            if (_definitions.Exists(d => d.Name == definition.Name))
            {
                throw new ToolBindingException($"{definition.Name} is added twice");
            }

            _definitions.Add(definition);
        }

        return this;
    }

    /// <summary>Binds the body of a read tool.</summary>
    /// <param name="toolName">An added definition's name.</param>
    /// <param name="handler">The body.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ToolBindingException">No such definition, it is a write tool, or it is bound already.</exception>
    public ToolRegistryBuilder Bind(string toolName, IToolHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var definition = Definition(toolName);
        if (definition.IsWrite)
        {
            throw new ToolBindingException($"{toolName} is a write tool: bind an {nameof(IWriteToolHandler)} (plan, then apply) so the policy can judge the exact change");
        }

        return Set(toolName, new ToolBinding(definition, handler, null));
    }

    /// <summary>Binds the body of a read tool given as a delegate.</summary>
    /// <param name="toolName">An added definition's name.</param>
    /// <param name="handler">The body.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ToolBindingException">No such definition, it is a write tool, or it is bound already.</exception>
    public ToolRegistryBuilder Bind(string toolName, Func<ToolArguments, ToolContext, ValueTask<JsonObject>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Bind(toolName, new DelegateHandler(handler));
    }

    /// <summary>Binds the body of a write tool.</summary>
    /// <param name="toolName">An added definition's name.</param>
    /// <param name="handler">The body (plan, then apply).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ToolBindingException">No such definition, it is a read tool, or it is bound already.</exception>
    public ToolRegistryBuilder Bind(string toolName, IWriteToolHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var definition = Definition(toolName);
        if (!definition.IsWrite)
        {
            throw new ToolBindingException($"{toolName} is a read tool: bind an {nameof(IToolHandler)}");
        }

        return Set(toolName, new ToolBinding(definition, null, handler));
    }

    /// <summary>Leaves an added definition out of the registry (a face that does not serve it yet).</summary>
    /// <param name="toolName">The definition's name.</param>
    /// <returns>This builder.</returns>
    public ToolRegistryBuilder Without(string toolName)
    {
        _definitions.RemoveAll(d => d.Name == toolName);
        _bindings.Remove(toolName);
        return this;
    }

    /// <summary>
    /// Leaves out every added definition that has no body bound (a composition that serves only what it can reach,
    /// such as a local cluster without CloudWatch).
    /// </summary>
    /// <returns>This builder.</returns>
    public ToolRegistryBuilder WithoutUnbound()
    {
        _definitions.RemoveAll(d => !_bindings.ContainsKey(d.Name));
        return this;
    }

    /// <summary>Checks every tool's output against its output schema (for tool tests; a mismatch becomes a <see cref="ToolOutcome.Failed"/> result).</summary>
    /// <param name="enabled">Whether to check.</param>
    /// <returns>This builder.</returns>
    public ToolRegistryBuilder ValidateOutput(bool enabled = true)
    {
        _validateOutput = enabled;
        return this;
    }

    /// <summary>Sets the clock latency is measured with (tests).</summary>
    /// <param name="time">The clock.</param>
    /// <returns>This builder.</returns>
    public ToolRegistryBuilder UseTimeProvider(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        return this;
    }

    /// <summary>Creates the registry.</summary>
    /// <returns>The registry.</returns>
    /// <exception cref="ToolBindingException">A definition has no body; the message names every unbound tool.</exception>
    public ToolRegistry Build()
    {
        var unbound = _definitions.Where(d => !_bindings.ContainsKey(d.Name)).Select(d => d.Name).ToList();
        if (unbound.Count > 0)
        {
            throw new ToolBindingException(
                $"no implementation is bound for {string.Join(", ", unbound)}; bind one with {nameof(Bind)}(name, handler) or leave the tool out with {nameof(Without)}(name)");
        }

        return new ToolRegistry([.. _definitions.Select(d => _bindings[d.Name])], _clusters, _policy, _validateOutput, _time);
    }

    private ToolDefinition Definition(string toolName) =>
        _definitions.Find(d => d.Name == toolName)
        ?? throw new ToolBindingException($"no definition named \"{toolName}\" was added; the added tools are {string.Join(", ", _definitions.Select(d => d.Name))}");

    private ToolRegistryBuilder Set(string toolName, ToolBinding binding)
    {
        if (!_bindings.TryAdd(toolName, binding))
        {
            throw new ToolBindingException($"{toolName} is bound twice");
        }

        return this;
    }

    private sealed class DelegateHandler(Func<ToolArguments, ToolContext, ValueTask<JsonObject>> handler) : IToolHandler
    {
        public ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context) => handler(arguments, context);
    }
}
