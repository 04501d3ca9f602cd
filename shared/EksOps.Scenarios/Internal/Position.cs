using YamlDotNet.Core;

namespace EksOps.Scenarios.Internal;

/// <summary>A 1-based line and column in a source file.</summary>
internal readonly record struct Position(int Line, int Column)
{
    public static Position From(Mark mark) => new(checked((int)mark.Line), checked((int)mark.Column));
}
