using System.Globalization;

namespace EksOps.Scenarios.Internal;

/// <summary>Builds JSONPath-like locations: <c>$.expect.remediation.allowed[1]</c>, <c>$.metadata.labels['app.kubernetes.io/name']</c>.</summary>
internal static class JsonPaths
{
    public const string Root = "$";

    /// <summary>The path of a member: dotted when the name is a plain identifier (letters, digits, <c>_</c>, <c>-</c>), bracketed otherwise.</summary>
    public static string Child(string parent, string name)
    {
        if (name.Length == 0)
        {
            return parent + "['']";
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return parent + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
            }
        }

        return parent + "." + name;
    }

    public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Splits a path such as <c>$.detail.metrics[0]['a.b']</c> into member names (strings) and indexes (ints).
    /// Returns <see langword="null"/> if the path is not in that form.
    /// </summary>
    public static List<object>? Parse(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<object>();
        int i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = i + 1;
                while (end < path.Length && path[end] is not '.' and not '[')
                {
                    end++;
                }

                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var name = new System.Text.StringBuilder();
                int j = i + 2;
                while (j < path.Length && path[j] != '\'')
                {
                    if (path[j] == '\\' && j + 1 < path.Length)
                    {
                        j++;
                    }

                    name.Append(path[j]);
                    j++;
                }

                if (j + 1 >= path.Length || path[j + 1] != ']')
                {
                    return null;
                }

                segments.Add(name.ToString());
                i = j + 2;
            }
            else if (path[i] == '[')
            {
                int close = path.IndexOf(']', i);
                if (close < 0 || !int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    return null;
                }

                segments.Add(index);
                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }
}
