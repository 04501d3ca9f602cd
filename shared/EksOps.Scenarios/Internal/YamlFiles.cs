using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EksOps.Scenarios.Internal;

/// <summary>Parses YAML text into documents with YamlDotNet's representation model (no reflection), reporting syntax errors.</summary>
internal static class YamlFiles
{
    /// <summary>Deeper than any scenario or Kubernetes object; the representation model recurses per level.</summary>
    public const int MaxDepth = 100;

    public static IList<YamlDocument>? Parse(string text, string file, ErrorList errors)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            var stream = new YamlStream();
            stream.Load(new DepthLimitingParser(parser, MaxDepth));
            return stream.Documents;
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException is YamlException inner && !string.IsNullOrEmpty(inner.Message) ? ex.Message + " " + inner.Message : ex.Message;
            errors.Add(file, JsonPaths.Root, Position.From(ex.Start),
                message.StartsWith("expected ", StringComparison.Ordinal) ? message : "expected valid YAML but found an error: " + message);
            return null;
        }
        catch (Exception ex)
        {
            // YamlDotNet's scanner throws other exceptions on some malformed input; the last good event is the best position.
            var position = parser.Current is { } last ? Position.From(last.End) : (Position?)null;
            errors.Add(file, JsonPaths.Root, position,
                "expected valid YAML but found an error after this point (an unclosed bracket, brace or quote?); the parser said: " + ex.Message);
            return null;
        }
    }

    /// <summary>An empty document (<c>---</c> with nothing after it), which Kubernetes tools skip.</summary>
    public static bool IsEmpty(YamlDocument document) =>
        document.RootNode is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } root && root.Tag.IsEmpty;
}
