using System.Text.Json.Nodes;

namespace EksOps.Tools.Faces.Tests;

/// <summary>Events the action group cannot answer fail with a clear message; malformed parameters get Bedrock-shaped errors.</summary>
public class ActionGroupMalformedEventTests
{
    private readonly BedrockActionGroupHandler _handler = new(MinimalRegistry.Create());

    [Theory]
    [InlineData("[1, 2]", "$: expected a Bedrock agent action-group event (an object) but found an array")]
    [InlineData("{\"messageVersion\": \"1.0\", \"actionGroup\": \"g\", \"inputText\": \"hi\"}", "$: the event has neither \"function\"")]
    [InlineData("{\"messageVersion\": \"2.0\", \"actionGroup\": \"g\", \"function\": \"get_alarm\"}", "$.messageVersion: Bedrock agents send \"1.0\"")]
    [InlineData("{\"messageVersion\": \"1.0\", \"function\": \"get_alarm\"}", "$.actionGroup: expected the action group's name")]
    [InlineData("{\"actionGroup\": \"g\", \"function\": \"get_alarm\", \"apiPath\": \"/tools/get_alarm\"}", "$: the event has both")]
    public async Task An_event_that_is_not_an_action_group_event_throws_a_message_that_names_the_path(string json, string message)
    {
        var context = ServedScenario.Context();

        var error = await Assert.ThrowsAsync<InvalidActionGroupEventException>(() => _handler.HandleAsync(BedrockEvents.Element(json), context));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(context.TestLogger.Entries, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parameters_that_are_not_a_list_answer_FAILURE_and_still_echo_the_session()
    {
        var actionGroupEvent = BedrockEvents.Function("get_alarm", BedrockEvents.Session(cluster: "dev-eks"));
        actionGroupEvent["parameters"] = "alarmName=x";

        var response = await _handler.HandleAsync(BedrockEvents.Element(actionGroupEvent), ServedScenario.Context());

        Assert.Equal("FAILURE", (string?)response["response"]!["functionResponse"]!["responseState"]);
        var error = BedrockEvents.Body(response)["error"]!;
        Assert.Equal("malformed_event", (string?)error["code"]);
        Assert.Contains("$.parameters: expected an array", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal("dev-eks", (string?)response["sessionAttributes"]![BedrockSessionAttributes.Cluster]);
    }

    [Fact]
    public async Task A_parameter_without_a_name_or_a_body_of_another_media_type_answers_a_malformed_event_error()
    {
        var noName = BedrockEvents.Function("get_alarm", null);
        noName["parameters"] = new JsonArray(new JsonObject { ["type"] = "string", ["value"] = "x" });
        var xml = BedrockEvents.OpenApi("/tools/get_alarm", null);
        xml["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/xml"] = new JsonObject { ["properties"] = new JsonArray() } } };

        var first = await _handler.HandleAsync(BedrockEvents.Element(noName), ServedScenario.Context());
        var second = await _handler.HandleAsync(BedrockEvents.Element(xml), ServedScenario.Context());

        Assert.Contains("$.parameters[0].name", (string)BedrockEvents.Body(first)["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(400, (int)second["response"]!["httpStatusCode"]!);
        Assert.Contains("application/xml", (string)BedrockEvents.Body(second)["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absent_parameters_and_attributes_are_empty_and_typed_values_keep_their_text()
    {
        var response = await _handler.HandleAsync(
            BedrockEvents.Element("{\"messageVersion\": \"1.0\", \"actionGroup\": \"g\", \"function\": \"get_alarm\", \"parameters\": [{\"name\": \"alarmName\", \"value\": 42}]}"),
            ServedScenario.Context());

        Assert.Null(response["response"]!["functionResponse"]!["responseState"]);
        Assert.Equal("42", (string?)BedrockEvents.Body(response)["alarmName"]);
        Assert.Empty(response["sessionAttributes"]!.AsObject());
        Assert.Empty(response["promptSessionAttributes"]!.AsObject());
    }
}
