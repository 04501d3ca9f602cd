using System.Text.Json;
using System.Text.Json.Serialization;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>Reads <see cref="ActionInvocationType"/> from its wire names; an unknown name is <see cref="ActionInvocationType.Unknown"/>, not an error.</summary>
internal sealed class ActionInvocationTypeJsonConverter : JsonConverter<ActionInvocationType>
{
    public override ActionInvocationType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return ActionInvocationType.Unknown;
        }

        return reader.ValueTextEquals("RESULT"u8) ? ActionInvocationType.Result
            : reader.ValueTextEquals("USER_CONFIRMATION"u8) ? ActionInvocationType.UserConfirmation
            : reader.ValueTextEquals("USER_CONFIRMATION_AND_RESULT"u8) ? ActionInvocationType.UserConfirmationAndResult
            : ActionInvocationType.Unknown;
    }

    public override void Write(Utf8JsonWriter writer, ActionInvocationType value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case ActionInvocationType.Result: writer.WriteStringValue("RESULT"u8); break;
            case ActionInvocationType.UserConfirmation: writer.WriteStringValue("USER_CONFIRMATION"u8); break;
            case ActionInvocationType.UserConfirmationAndResult: writer.WriteStringValue("USER_CONFIRMATION_AND_RESULT"u8); break;
            default: writer.WriteNullValue(); break;
        }
    }
}
