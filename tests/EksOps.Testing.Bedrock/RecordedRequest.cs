using System.Text;
using System.Text.Json;

namespace EksOps.Testing.Bedrock;

/// <summary>A request a loopback server (<see cref="HttpListenerHost"/>) received, read whole.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The request target as it arrived (still percent-encoded).</param>
/// <param name="Headers">The headers, by case-insensitive name.</param>
/// <param name="Body">The body's bytes.</param>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The <c>X-Amz-Target</c> header (awsJson operations), or null.</summary>
    public string? Target => Header("X-Amz-Target");

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The body as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>A header's value, or null when it did not arrive.</summary>
    /// <param name="name">The header name (any case).</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
