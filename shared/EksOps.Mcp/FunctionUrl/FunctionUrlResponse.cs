namespace EksOps.Mcp;

/// <summary>A buffered Function URL response (payload format 2.0).</summary>
public sealed class FunctionUrlResponse
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; init; }

    /// <summary>The response headers.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body, as text or (when <see cref="IsBase64Encoded"/>) base64; <see langword="null"/> for none.</summary>
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    public bool IsBase64Encoded { get; init; }
}
