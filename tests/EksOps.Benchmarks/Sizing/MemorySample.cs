namespace EksOps.Benchmarks.Sizing;

/// <summary>A function process's resident memory after a scenario.</summary>
/// <param name="Scenario">The scenario just done.</param>
/// <param name="ResidentBytes">The resident set then (<c>VmRSS</c>).</param>
/// <param name="PeakResidentBytes">The largest resident set so far (<c>VmHWM</c>).</param>
internal sealed record MemorySample(string Scenario, long ResidentBytes, long PeakResidentBytes);
