using System.Text.Json;

namespace EksOps.Simulation.CloudWatch;

/// <summary>An error to answer as AWS does: HTTP status, <c>__type</c>, the query-compatible code, the message, extra members.</summary>
/// <param name="status">The HTTP status.</param>
/// <param name="type">The body's <c>__type</c>.</param>
/// <param name="queryCode">The code CloudWatch (query-compatible) also sends in <c>x-amzn-query-error: Code;Sender</c>.</param>
/// <param name="message">The message.</param>
/// <param name="extra">Members written after <c>message</c> (for example <c>queryCompileError</c>).</param>
internal sealed class AwsFault(int status, string type, string queryCode, string message, Action<Utf8JsonWriter>? extra = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string QueryCode { get; } = queryCode;

    public Action<Utf8JsonWriter>? Extra { get; } = extra;

    /// <summary>Sender (4xx) or Receiver (5xx).</summary>
    public string Fault => Status >= 500 ? "Receiver" : "Sender";
}
