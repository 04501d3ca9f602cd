using System.Text.Json;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>Turns an exception or error message of the InvokeAgent stream into its typed exception.</summary>
internal static class AgentStreamExceptions
{
    public static AgentStreamException FromException(string exceptionType, ReadOnlySpan<byte> json, string? requestId)
    {
        var payload = ExceptionPayload.Read(json);
        return exceptionType switch
        {
            "accessDeniedException" => new AgentAccessDeniedException(payload.Message, requestId),
            "badGatewayException" => new AgentBadGatewayException(payload.Message, requestId, payload.ResourceName),
            "conflictException" => new AgentConflictException(payload.Message, requestId),
            "dependencyFailedException" => new AgentDependencyFailedException(payload.Message, requestId, payload.ResourceName),
            "internalServerException" => new AgentInternalServerException(payload.Message, requestId, payload.Reason),
            "modelNotReadyException" => new AgentModelNotReadyException(payload.Message, requestId),
            "resourceNotFoundException" => new AgentResourceNotFoundException(payload.Message, requestId),
            "serviceQuotaExceededException" => new AgentServiceQuotaExceededException(payload.Message, requestId),
            "throttlingException" => new AgentThrottlingException(payload.Message, requestId),
            "validationException" => new AgentValidationException(payload.Message, requestId),
            _ => new AgentStreamException(exceptionType, exceptionType.Length == 0 ? "UnknownError" : char.ToUpperInvariant(exceptionType[0]) + exceptionType[1..], payload.Message, requestId),
        };
    }

    public static AgentStreamException FromError(string? errorCode, string? errorMessage, string? requestId) =>
        new(null, string.IsNullOrWhiteSpace(errorCode) ? "UnknownError" : errorCode, errorMessage, requestId);

    /// <summary>The members of the modelled error shapes: <c>message</c> (or <c>Message</c>), <c>resourceName</c>, <c>reason</c>; anything unreadable is left null.</summary>
    private readonly record struct ExceptionPayload(string? Message, string? ResourceName, string? Reason)
    {
        public static ExceptionPayload Read(ReadOnlySpan<byte> json)
        {
            string? message = null;
            string? resourceName = null;
            string? reason = null;
            try
            {
                var reader = new Utf8JsonReader(json);
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = reader.GetString();
                        if (!reader.Read())
                        {
                            break;
                        }

                        if (reader.TokenType != JsonTokenType.String)
                        {
                            reader.Skip();
                            continue;
                        }

                        switch (name)
                        {
                            case "message" or "Message": message ??= reader.GetString(); break;
                            case "resourceName": resourceName = reader.GetString(); break;
                            case "reason": reason = reader.GetString(); break;
                            default: break;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // An exception message whose payload is not JSON still raises its typed exception, without a message.
            }

            return new ExceptionPayload(message, resourceName, reason);
        }
    }
}
