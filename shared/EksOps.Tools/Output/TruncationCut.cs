namespace EksOps.Tools;

/// <summary>One place an over-long result was cut.</summary>
/// <param name="Path">JSON Pointer of the array or string that was shortened (<c>""</c> for the whole result).</param>
/// <param name="Omitted">What was left out, for example <c>120 of 150 items</c> or <c>18342 of 40210 characters</c>.</param>
public sealed record TruncationCut(string Path, string Omitted);
