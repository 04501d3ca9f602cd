namespace EksOps.Approval.Internal;

/// <summary>
/// Reads <c>application/x-www-form-urlencoded</c> text (a query string or a form body): <c>+</c> is a space and
/// percent escapes are UTF-8. A name given twice is refused, so that nothing can be smuggled past a signature check by
/// repeating a field.
/// </summary>
internal static class QueryString
{
    public static bool TryParse(string? text, out Dictionary<string, string> fields, out string error)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        error = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (string pair in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Decode(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (!fields.TryAdd(name, value))
            {
                error = $"the field '{name}' is given more than once";
                return false;
            }
        }

        return true;
    }

    public static string Encode(string value) => Uri.EscapeDataString(value);

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
