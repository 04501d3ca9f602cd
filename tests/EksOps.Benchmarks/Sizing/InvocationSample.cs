namespace EksOps.Benchmarks.Sizing;

/// <summary>One invocation of a function process.</summary>
/// <param name="Function">The function's project name.</param>
/// <param name="Label">What it did: the flow step (<c>diagnose</c>, <c>plan</c>, …), the tool, or the kind of event.</param>
/// <param name="Scenario">The scenario it belonged to.</param>
/// <param name="Cold">Whether it was the process's first invocation.</param>
/// <param name="DurationMs">From <c>GET /next</c> handing it out to the answer: what Lambda bills as Duration.</param>
/// <param name="RoundTripMs">As the caller saw it, queueing and the loopback Runtime API included.</param>
/// <param name="CpuMs">The CPU time the process ran meanwhile, all threads; null where <c>/proc</c> cannot be read.</param>
/// <param name="IsError">Whether it ended on the error route (or timed out).</param>
/// <param name="ErrorType">The error type when it did.</param>
internal sealed record InvocationSample(string Function, string Label, string Scenario, bool Cold, double DurationMs, double RoundTripMs, double? CpuMs, bool IsError, string? ErrorType);
