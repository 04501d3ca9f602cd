using System.Text.Json;
using EksOps.Aws.EventStreams;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// Maps one event-stream message of an InvokeAgent response to its event, or throws its exception: dispatch is on
/// <c>:message-type</c> and then <c>:event-type</c> or <c>:exception-type</c> (never on <c>:content-type</c>, whose
/// live value is undocumented). Every Bedrock event's payload is the JSON of its member shape.
/// </summary>
internal static class InvokeAgentEventDecoder
{
    public static InvokeAgentEvent Decode(EventStreamFrame frame, string? requestId)
    {
        var messageType = frame.GetString(":message-type");
        switch (messageType)
        {
            case "event":
                var eventType = frame.GetString(":event-type")
                    ?? throw new InvalidDataException($"{Context}: an event message has no :event-type header.");
                return DecodeEvent(eventType, frame.Payload);
            case "exception":
                var exceptionType = frame.GetString(":exception-type")
                    ?? throw new InvalidDataException($"{Context}: an exception message has no :exception-type header.");
                throw AgentStreamExceptions.FromException(exceptionType, frame.Payload.Span, requestId);
            case "error":
                throw AgentStreamExceptions.FromError(frame.GetString(":error-code"), frame.GetString(":error-message"), requestId);
            default:
                throw new InvalidDataException(messageType is null
                    ? $"{Context}: a message has no :message-type header."
                    : $"{Context}: unknown :message-type '{messageType}'.");
        }
    }

    private const string Context = $"{BedrockAgentRuntimeClient.EndpointPrefix} InvokeAgent";

    private static InvokeAgentEvent DecodeEvent(string eventType, ReadOnlyMemory<byte> payload)
    {
        try
        {
            switch (eventType)
            {
                case "chunk":
                    var part = Deserialize(payload, BedrockAgentRuntimeJsonContext.Default.PayloadPartWire);
                    return new ChunkEvent(part.Bytes ?? [], part.Attribution);
                case "trace":
                    return TraceEvent.Parse(payload);
                case "returnControl":
                    return new ReturnControlEvent(Deserialize(payload, BedrockAgentRuntimeJsonContext.Default.ReturnControlPayload));
                case "files":
                    var files = Deserialize(payload, BedrockAgentRuntimeJsonContext.Default.FilePartWire);
                    return new FilesEvent(files.Files ?? []);
                default:
                    return new UnknownAgentEvent(eventType, payload);
            }
        }
        catch (JsonException ex)
        {
            throw new JsonException($"{Context}: the '{eventType}' event is not the expected JSON: {ex.Message}", ex);
        }
    }

    private static T Deserialize<T>(ReadOnlyMemory<byte> payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(payload.Span, type) ?? throw new JsonException("the payload is JSON null");
}
