using System.Text.Json.Nodes;

namespace EksOps.IncidentFlow;

/// <summary>One task payload of the incident state machine: <c>{"step": …, "incidentId": …, …}</c>, checked.</summary>
public sealed record StepRequest
{
    /// <summary>The longest incident id accepted (an execution name has at most 80 characters; the store's keys allow more).</summary>
    public const int MaxIncidentIdLength = 256;

    /// <summary>The step (<see cref="StepNames"/>).</summary>
    public required string Step { get; init; }

    /// <summary>The incident (the execution name AlarmIngest gave it).</summary>
    public required string IncidentId { get; init; }

    /// <summary>The whole payload, for the members a step reads besides these two (<c>alarm</c>, <c>state</c>).</summary>
    public required JsonObject Payload { get; init; }

    /// <summary>Reads a payload.</summary>
    /// <param name="payload">The task payload.</param>
    /// <returns>The request.</returns>
    /// <exception cref="InvalidStepRequestException">The payload is not an object, or <c>step</c> or <c>incidentId</c> is missing, not a string, empty or too long.</exception>
    public static StepRequest Parse(JsonNode? payload)
    {
        if (payload is not JsonObject body)
        {
            throw new InvalidStepRequestException($"the task payload must be a JSON object {{\"step\": …, \"incidentId\": …}} but is {Describe(payload)}");
        }

        string step = Text(body, "step");
        string incidentId = Text(body, "incidentId");
        if (incidentId.Length > MaxIncidentIdLength)
        {
            throw new InvalidStepRequestException($"$.incidentId has {incidentId.Length} characters; at most {MaxIncidentIdLength} are accepted");
        }

        return new StepRequest { Step = step, IncidentId = incidentId, Payload = body };
    }

    /// <summary>A member that must be a JSON object (<c>alarm</c> of <c>diagnose</c>).</summary>
    /// <param name="name">The member.</param>
    /// <returns>The object.</returns>
    /// <exception cref="InvalidStepRequestException">It is missing or not an object.</exception>
    public JsonObject RequiredObject(string name) =>
        Payload[name] as JsonObject
        ?? throw new InvalidStepRequestException($"the {Step} step needs $.{name}, a JSON object, but the payload has {Describe(Payload[name])}");

    private static string Text(JsonObject body, string name)
    {
        var node = body[name];
        string? text = node is JsonValue value && value.TryGetValue(out string? s) ? s : null;
        return string.IsNullOrWhiteSpace(text)
            ? throw new InvalidStepRequestException($"the task payload needs $.{name}, a non-empty string, but has {Describe(node)}")
            : text;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "none",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.GetValueKind().ToString().ToLowerInvariant() switch
        {
            "string" => "an empty or blank string",
            var kind => "a " + kind,
        },
    };
}
