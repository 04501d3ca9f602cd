using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;

namespace EksOps.Mcp.Protocol;

/// <summary>The SDK's own (source-generated) JSON contracts for its protocol types, so the wire form is exactly the SDK's.</summary>
internal static class McpJson
{
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(T));
}
