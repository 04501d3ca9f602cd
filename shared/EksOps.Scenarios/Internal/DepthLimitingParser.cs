using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EksOps.Scenarios.Internal;

/// <summary>
/// Passes a parser's events through and stops with a <see cref="YamlException"/> once collections nest deeper than
/// a limit, so that YamlDotNet's representation model, which recurses once per level, never meets a
/// pathologically deep document.
/// </summary>
internal sealed class DepthLimitingParser(IParser inner, int maxDepth) : IParser
{
    private int depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case MappingStart or SequenceStart when ++depth > maxDepth:
                throw new YamlException(inner.Current.Start, inner.Current.End, "expected at most " + maxDepth + " levels of nesting but found more");
            case MappingEnd or SequenceEnd:
                depth--;
                break;
        }

        return true;
    }
}
