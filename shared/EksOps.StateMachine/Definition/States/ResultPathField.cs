using System.Text.Json.Nodes;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition.States;

/// <summary>
/// <c>ResultPath</c> (of a state or a catcher): a Reference Path into the state's input where the result goes (default
/// <c>$</c>, the result replaces the input), or <c>null</c>, which discards the result and passes the input on.
/// </summary>
internal sealed class ResultPathField
{
    private readonly JsonPath? _path;

    private ResultPathField(JsonPath? path) => _path = path;

    /// <summary>The default, <c>$</c>.</summary>
    public static ResultPathField Root { get; } = new(JsonPath.ParseReference("$"));

    /// <summary><c>null</c>: discard the result.</summary>
    public static ResultPathField Discard { get; } = new(null);

    /// <summary>A Reference Path.</summary>
    public static ResultPathField For(JsonPath path) => new(path);

    /// <summary>Combines the state's input and its result.</summary>
    /// <param name="input">The state's raw input.</param>
    /// <param name="result">The result (or the error output of a catcher).</param>
    /// <returns>The combined document.</returns>
    /// <exception cref="StatesErrorException"><c>States.ResultPathMatchFailure</c> when the path runs into a value it cannot write into.</exception>
    public JsonNode? Apply(JsonNode? input, JsonNode? result)
    {
        if (_path is null)
        {
            return JsonValues.Clone(input);
        }

        try
        {
            return _path.Place(input, result);
        }
        catch (InvalidOperationException ex)
        {
            throw new StatesErrorException(StatesErrors.ResultPathMatchFailure, ex.Message);
        }
    }
}
