namespace EksOps.Tools;

/// <summary>
/// One problem with a call's arguments, in a form a model can act on: where (a JSON Pointer into the arguments, such
/// as <c>/tailLines</c> or <c>/target/kind</c>; empty for the arguments as a whole) and what to change.
/// </summary>
/// <param name="Path">JSON Pointer of the offending value; <c>""</c> for the whole argument object.</param>
/// <param name="Message">What is wrong and what is expected, for example <c>must be at most 5000 (got 10000)</c>.</param>
public sealed record ToolArgumentError(string Path, string Message)
{
    /// <summary>The error as one line: <c>/tailLines: must be at most 5000 (got 10000)</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => (Path.Length == 0 ? "arguments" : Path) + ": " + Message;
}
