using System.Text.RegularExpressions;

namespace EksOps.Simulation.CloudWatch;

/// <summary>An expression of a Logs Insights query (in <c>fields</c>, <c>filter</c>, <c>sort</c> and <c>stats</c>).</summary>
internal abstract record InsightsExpression
{
    /// <summary>A string, number or boolean literal.</summary>
    public sealed record Literal(object? Value) : InsightsExpression;

    /// <summary>A field: <c>@message</c>, <c>level</c>, <c>kubernetes.pod_name</c>.</summary>
    public sealed record Field(string Name) : InsightsExpression;

    /// <summary>A regular expression literal <c>/…/</c>.</summary>
    public sealed record Pattern(Regex Regex) : InsightsExpression;

    /// <summary><c>*</c> in <c>count(*)</c>.</summary>
    public sealed record Star : InsightsExpression;

    /// <summary><c>not</c> and unary minus.</summary>
    public sealed record Unary(string Operator, InsightsExpression Operand) : InsightsExpression;

    /// <summary>Comparisons, <c>and</c>, <c>or</c>, arithmetic, <c>=~</c>.</summary>
    public sealed record Binary(string Operator, InsightsExpression Left, InsightsExpression Right) : InsightsExpression;

    /// <summary><c>x like /re/</c> or <c>x like "text"</c> (substring), possibly negated.</summary>
    public sealed record Like(InsightsExpression Value, InsightsExpression Matcher, bool Negated) : InsightsExpression;

    /// <summary><c>x in [a, b]</c>, possibly negated.</summary>
    public sealed record In(InsightsExpression Value, IReadOnlyList<InsightsExpression> Items, bool Negated) : InsightsExpression;

    /// <summary>A function call, including aggregates in <c>stats</c> and <c>bin(5m)</c>.</summary>
    public sealed record Call(string Function, IReadOnlyList<InsightsExpression> Arguments) : InsightsExpression;

    /// <summary><c>bin(5m)</c>: the event time rounded down to a multiple of the duration.</summary>
    public sealed record Bin(long Milliseconds) : InsightsExpression;
}
