using System.Text.Json.Nodes;

namespace EksOps.Mcp.Tests;

/// <summary>Reading what the handler answered.</summary>
internal static class McpResponse
{
    public static JsonObject Json(this FunctionUrlResponse response)
    {
        Assert.Equal("application/json", response.Headers["content-type"]);
        return Assert.IsType<JsonObject>(JsonNode.Parse(response.Body!));
    }

    public static JsonObject Result(this FunctionUrlResponse response)
    {
        Assert.Equal(200, response.StatusCode);
        var body = response.Json();
        Assert.Null(body["error"]);
        return Assert.IsType<JsonObject>(body["result"]);
    }

    public static int ErrorCode(this FunctionUrlResponse response) => (int)response.Json()["error"]!["code"]!;
}
