using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition.States;

/// <summary>A Choice rule: a comparison on a variable, or <c>And</c>/<c>Or</c>/<c>Not</c> of rules.</summary>
internal abstract class ChoiceRule
{
    /// <summary>Whether the rule holds for the effective input.</summary>
    /// <exception cref="StatesErrorException"><c>States.Runtime</c> when <c>Variable</c> (or an operand <c>…Path</c>) matches nothing, except for <c>IsPresent</c>.</exception>
    public abstract bool Evaluate(EvaluationScope scope);
}

/// <summary><c>And</c>: every rule holds.</summary>
internal sealed class AndRule(IReadOnlyList<ChoiceRule> rules) : ChoiceRule
{
    /// <inheritdoc/>
    public override bool Evaluate(EvaluationScope scope) => rules.All(rule => rule.Evaluate(scope));
}

/// <summary><c>Or</c>: some rule holds.</summary>
internal sealed class OrRule(IReadOnlyList<ChoiceRule> rules) : ChoiceRule
{
    /// <inheritdoc/>
    public override bool Evaluate(EvaluationScope scope) => rules.Any(rule => rule.Evaluate(scope));
}

/// <summary><c>Not</c>: the rule does not hold.</summary>
internal sealed class NotRule(ChoiceRule rule) : ChoiceRule
{
    /// <inheritdoc/>
    public override bool Evaluate(EvaluationScope scope) => !rule.Evaluate(scope);
}

/// <summary>
/// A comparison: <c>Variable</c> and one operator with a literal operand, or a <c>…Path</c> operator whose operand is
/// read from the input. A value of the wrong type makes a comparison false (it is not an error), as in Step Functions.
/// </summary>
internal sealed class ComparisonRule : ChoiceRule
{
    private readonly JsonPath _variable;
    private readonly ChoiceOperator _operator;
    private readonly JsonNode? _operand;
    private readonly JsonPath? _operandPath;
    private readonly Regex? _pattern;

    /// <summary>Creates the rule; the reader has checked the operand's type.</summary>
    public ComparisonRule(JsonPath variable, ChoiceOperator @operator, JsonNode? operand, JsonPath? operandPath)
    {
        _variable = variable;
        _operator = @operator;
        _operand = operand;
        _operandPath = operandPath;
        if (@operator == ChoiceOperator.StringMatches && JsonValues.TryGetString(operand, out var pattern))
        {
            _pattern = WildcardPattern(pattern);
        }
    }

    /// <summary>Turns a <c>StringMatches</c> pattern into a regular expression: <c>*</c> matches any run of characters, <c>\*</c> is a literal star and <c>\\</c> a literal backslash.</summary>
    public static Regex WildcardPattern(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '*')
            {
                regex.Append(".*");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <inheritdoc/>
    public override bool Evaluate(EvaluationScope scope)
    {
        var present = _variable.TrySelect(scope.Source(_variable), out var value);
        if (_operator == ChoiceOperator.IsPresent)
        {
            return present == Expected();
        }

        if (!present)
        {
            throw new StatesErrorException(
                StatesErrors.Runtime,
                $"Invalid path '{_variable.Text}': The choice state's condition path references an invalid value.");
        }

        switch (_operator)
        {
            case ChoiceOperator.IsNull:
                return (value is null) == Expected();
            case ChoiceOperator.IsNumeric:
                return JsonValues.TryGetNumber(value, out _) == Expected();
            case ChoiceOperator.IsString:
                return JsonValues.TryGetString(value, out _) == Expected();
            case ChoiceOperator.IsBoolean:
                return JsonValues.TryGetBoolean(value, out _) == Expected();
            case ChoiceOperator.IsTimestamp:
                return (JsonValues.TryGetString(value, out var text) && Timestamps.TryParse(text, out _)) == Expected();
            case ChoiceOperator.StringMatches:
                return JsonValues.TryGetString(value, out var candidate) && _pattern!.IsMatch(candidate);
            default:
                return Compare(value, Operand(scope));
        }
    }

    private bool Expected() => JsonValues.TryGetBoolean(_operand, out var expected) && expected;

    private JsonNode? Operand(EvaluationScope scope)
    {
        if (_operandPath is null)
        {
            return _operand;
        }

        return _operandPath.TrySelect(scope.Source(_operandPath), out var value)
            ? value
            : throw new StatesErrorException(
                StatesErrors.Runtime,
                $"Invalid path '{_operandPath.Text}': The choice state's condition path references an invalid value.");
    }

    private bool Compare(JsonNode? value, JsonNode? operand)
    {
        int? order = ChoiceOperators.Family(_operator) switch
        {
            ChoiceOperatorFamily.String => JsonValues.TryGetString(value, out var left) && JsonValues.TryGetString(operand, out var right)
                ? string.CompareOrdinal(left, right)
                : null,
            ChoiceOperatorFamily.Numeric => JsonValues.TryGetNumber(value, out var left) && JsonValues.TryGetNumber(operand, out var right)
                ? left.CompareTo(right)
                : null,
            ChoiceOperatorFamily.Boolean => JsonValues.TryGetBoolean(value, out var left) && JsonValues.TryGetBoolean(operand, out var right)
                ? (left == right ? 0 : 1)
                : null,
            ChoiceOperatorFamily.Timestamp => JsonValues.TryGetString(value, out var left) && Timestamps.TryParse(left, out var leftTime)
                && JsonValues.TryGetString(operand, out var right) && Timestamps.TryParse(right, out var rightTime)
                ? leftTime.CompareTo(rightTime)
                : null,
            _ => null,
        };

        if (order is not { } sign)
        {
            return false;
        }

        return ChoiceOperators.Relation(_operator) switch
        {
            ChoiceRelation.Equals => sign == 0,
            ChoiceRelation.LessThan => sign < 0,
            ChoiceRelation.GreaterThan => sign > 0,
            ChoiceRelation.LessThanEquals => sign <= 0,
            ChoiceRelation.GreaterThanEquals => sign >= 0,
            _ => false,
        };
    }
}
