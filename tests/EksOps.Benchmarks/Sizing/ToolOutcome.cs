namespace EksOps.Benchmarks.Sizing;

/// <summary>Whether a tool call through a tool function got the tool's answer or a tool error (a Lambda error is in the samples).</summary>
/// <param name="Function">The tool function.</param>
/// <param name="Tool">The tool.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Answered">The call returned the tool's result.</param>
/// <param name="Error">The tool error's text otherwise (cut).</param>
internal sealed record ToolOutcome(string Function, string Tool, string Scenario, bool Answered, string? Error);
