using System.Text.Json.Nodes;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Intrinsics;
using EksOps.StateMachine.Json;

namespace EksOps.StateMachine.Paths;

/// <summary>
/// A payload template (<c>Parameters</c>, <c>ResultSelector</c>): a JSON object whose members ending in <c>.$</c> are
/// evaluated — a Path on the data (<c>$…</c>), a Path on the Context Object (<c>$$…</c>) or an intrinsic function —
/// and stored without the <c>.$</c>; every other member is copied, nested objects and arrays are templates too.
/// Compiled once when the definition is loaded, so every path and call is checked up front.
/// </summary>
internal sealed class PayloadTemplate
{
    private readonly TemplateNode _root;

    private PayloadTemplate(TemplateNode root) => _root = root;

    /// <summary>Compiles a template.</summary>
    /// <param name="template">The template as written (an object).</param>
    /// <returns>The template.</returns>
    /// <exception cref="FormatException">A <c>.$</c> member is not a string, not a supported path or call, or two members have the same name once <c>.$</c> is removed; the message names the member.</exception>
    public static PayloadTemplate Compile(JsonObject template) => new(CompileNode(template, "$"));

    /// <summary>Evaluates the template.</summary>
    /// <param name="scope">The data, the Context Object and the random source.</param>
    /// <returns>A new JSON value.</returns>
    /// <exception cref="StatesErrorException"><c>States.ParameterPathFailure</c> or <c>States.IntrinsicFailure</c>.</exception>
    public JsonNode? Evaluate(EvaluationScope scope) => _root.Evaluate(scope);

    private static TemplateNode CompileNode(JsonNode? node, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                var members = new List<(string Name, TemplateNode Value)>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    var dynamic = key.EndsWith(".$", StringComparison.Ordinal) && key.Length > 2;
                    var name = dynamic ? key[..^2] : key;
                    if (!names.Add(name))
                    {
                        throw new FormatException($"'{where}' has two members named '{name}' (with and without '.$').");
                    }

                    members.Add((name, dynamic ? CompileDynamic(value, $"{where}.{key}", key) : CompileNode(value, $"{where}.{key}")));
                }

                return new ObjectNode(members);
            case JsonArray array:
                return new ArrayNode([.. array.Select((item, i) => CompileNode(item, $"{where}[{i}]"))]);
            default:
                return new LiteralNode(JsonValues.Clone(node));
        }
    }

    private static TemplateNode CompileDynamic(JsonNode? value, string where, string field)
    {
        if (!JsonValues.TryGetString(value, out var text))
        {
            throw new FormatException($"'{where}' ends in '.$', so its value must be a path or an intrinsic function, not {JsonValues.TypeName(value)}.");
        }

        if (text.StartsWith('$'))
        {
            try
            {
                return new PathNode(JsonPath.Parse(text), field);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"'{where}': {ex.Message}", ex);
            }
        }

        if (IntrinsicParser.LooksLikeCall(text))
        {
            try
            {
                return new CallNode(IntrinsicParser.Parse(text));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"'{where}': {ex.Message}", ex);
            }
        }

        throw new FormatException(
            $"'{where}' ends in '.$', so '{text}' must be a path ($…, $$…) or an intrinsic function (States.…). JSONata ({{% %}}) is not supported.");
    }

    private abstract class TemplateNode
    {
        public abstract JsonNode? Evaluate(EvaluationScope scope);
    }

    private sealed class LiteralNode(JsonNode? value) : TemplateNode
    {
        public override JsonNode? Evaluate(EvaluationScope scope) => JsonValues.Clone(value);
    }

    private sealed class ObjectNode(List<(string Name, TemplateNode Value)> members) : TemplateNode
    {
        public override JsonNode? Evaluate(EvaluationScope scope)
        {
            var result = new JsonObject();
            foreach (var (name, value) in members)
            {
                result[name] = value.Evaluate(scope);
            }

            return result;
        }
    }

    private sealed class ArrayNode(List<TemplateNode> items) : TemplateNode
    {
        public override JsonNode? Evaluate(EvaluationScope scope) => new JsonArray([.. items.Select(item => item.Evaluate(scope))]);
    }

    private sealed class PathNode(JsonPath path, string field) : TemplateNode
    {
        public override JsonNode? Evaluate(EvaluationScope scope)
        {
            if (scope.TrySelect(path, out var value))
            {
                return value;
            }

            throw new StatesErrorException(
                StatesErrors.ParameterPathFailure,
                $"The JSONPath '{path.Text}' specified for the field '{field}' could not be found in the input '{JsonValues.ToJson(scope.Source(path))}'");
        }
    }

    private sealed class CallNode(IntrinsicCall call) : TemplateNode
    {
        public override JsonNode? Evaluate(EvaluationScope scope) => IntrinsicEvaluator.Evaluate(call, scope);
    }
}
