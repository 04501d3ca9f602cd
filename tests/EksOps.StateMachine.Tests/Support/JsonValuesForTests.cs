namespace EksOps.StateMachine.Tests.Support;

/// <summary>JSON helpers for assertions.</summary>
public static class JsonValuesForTests
{
    /// <summary>Compact JSON text.</summary>
    public static string Compact(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>Parses JSON text.</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    /// <summary>Asserts two JSON texts are the same JSON (member order ignored).</summary>
    public static void Equal(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)),
            $"Expected JSON {expected}\nbut got       {actual}");
    }
}
