namespace EksOps.Tools;

/// <summary>How a result was cut to its cap; also written into the result as <c>_truncated</c>, so a model always knows.</summary>
/// <param name="OriginalBytes">The result's size before cutting (UTF-8 JSON bytes).</param>
/// <param name="ReturnedBytes">Its size after cutting, report included.</param>
/// <param name="LimitBytes">The cap.</param>
/// <param name="Cuts">Where and how much was cut.</param>
/// <param name="Message">One sentence for the model: what was cut and how to ask for less.</param>
public sealed record TruncationReport(int OriginalBytes, int ReturnedBytes, int LimitBytes, IReadOnlyList<TruncationCut> Cuts, string Message);
