using System.Text.Json.Nodes;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition.States;

/// <summary>
/// <c>InputPath</c> or <c>OutputPath</c>: a Path (default <c>$</c>), or <c>null</c>, which selects nothing and yields
/// <c>{}</c>. A path that matches nothing is a <c>States.Runtime</c> error, which ends the execution.
/// </summary>
internal sealed class DataPath
{
    private readonly JsonPath? _path;

    private DataPath(JsonPath? path) => _path = path;

    /// <summary>The default, <c>$</c>: everything.</summary>
    public static DataPath Root { get; } = new(JsonPath.Parse("$", allowContext: false));

    /// <summary><c>null</c>: the empty object.</summary>
    public static DataPath Empty { get; } = new(null);

    /// <summary>A path (no <c>$$</c>).</summary>
    public static DataPath For(JsonPath path) => new(path);

    /// <summary>Applies the path.</summary>
    /// <param name="data">The data.</param>
    /// <param name="field">The field's name, for the error.</param>
    /// <returns>The selected data.</returns>
    /// <exception cref="StatesErrorException"><c>States.Runtime</c> when the path matches nothing.</exception>
    public JsonNode? Apply(JsonNode? data, string field)
    {
        if (_path is null)
        {
            return new JsonObject();
        }

        if (_path.IsRoot)
        {
            return data;
        }

        return _path.TrySelect(data, out var value)
            ? value
            : throw new StatesErrorException(
                StatesErrors.Runtime,
                $"Invalid path '{_path.Text}' in {field}: no results for the path in '{JsonValues.ToJson(data)}'.");
    }
}
