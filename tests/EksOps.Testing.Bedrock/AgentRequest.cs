using System.Text.Json;

namespace EksOps.Testing.Bedrock;

/// <summary>A request the fake received, with the verdict on its SigV4 signature (null: valid for service <c>bedrock</c>).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RawTarget">The request target as it arrived on the wire (path and query, still percent-encoded).</param>
/// <param name="Headers">The headers, by case-insensitive name.</param>
/// <param name="Body">The body's bytes.</param>
/// <param name="SignatureProblem">What is wrong with the signature; null when it is valid.</param>
public sealed record AgentRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? SignatureProblem)
{
    /// <summary>The body as JSON (the InvokeAgent request body).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>A header's value, or null when it did not arrive.</summary>
    /// <param name="name">The header name (any case).</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
