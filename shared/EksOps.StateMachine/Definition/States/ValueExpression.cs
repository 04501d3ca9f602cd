using System.Text.Json.Nodes;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Intrinsics;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition.States;

/// <summary>
/// A field that is a Path or an intrinsic function (<c>ErrorPath</c>, <c>CausePath</c>). A path that matches nothing is
/// a <c>States.Runtime</c> error.
/// </summary>
internal sealed class ValueExpression
{
    private readonly JsonPath? _path;
    private readonly IntrinsicCall? _call;

    private ValueExpression(string text, JsonPath? path, IntrinsicCall? call)
    {
        Text = text;
        _path = path;
        _call = call;
    }

    /// <summary>The field as written.</summary>
    public string Text { get; }

    /// <summary>Compiles a path (<c>$…</c>, <c>$$…</c>) or an intrinsic call (<c>States.…</c>).</summary>
    /// <exception cref="FormatException">Neither; the message says why.</exception>
    public static ValueExpression Parse(string text) =>
        text.StartsWith('$') ? new ValueExpression(text, JsonPath.Parse(text), null)
        : IntrinsicParser.LooksLikeCall(text) ? new ValueExpression(text, null, IntrinsicParser.Parse(text))
        : throw new FormatException($"'{text}' is neither a path ($…) nor an intrinsic function (States.…).");

    /// <summary>Evaluates the expression.</summary>
    /// <param name="scope">The data and the Context Object.</param>
    /// <param name="field">The field's name, for the error.</param>
    /// <returns>The value.</returns>
    /// <exception cref="StatesErrorException"><c>States.Runtime</c> for a path that matches nothing; <c>States.IntrinsicFailure</c> from a function.</exception>
    public JsonNode? Evaluate(EvaluationScope scope, string field)
    {
        if (_call is not null)
        {
            return IntrinsicEvaluator.Evaluate(_call, scope);
        }

        return scope.TrySelect(_path!, out var value)
            ? value
            : throw new StatesErrorException(
                StatesErrors.Runtime,
                $"Invalid path '{Text}' in {field}: no results for the path in '{JsonValues.ToJson(scope.Source(_path!))}'.");
    }
}
