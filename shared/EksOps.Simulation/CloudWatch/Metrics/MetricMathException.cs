namespace EksOps.Simulation.CloudWatch;

/// <summary>An expression the simulator cannot evaluate; its result carries the code and message instead of datapoints.</summary>
/// <param name="code">The message code: <c>UnsupportedExpression</c> or <c>ExpressionError</c>.</param>
/// <param name="message">What went wrong.</param>
internal sealed class MetricMathException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
