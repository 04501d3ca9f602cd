using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.AlarmIngest.Tests;

/// <summary>The sample alarm events of the repository's events/ folder, copied next to the tests.</summary>
internal static class SampleEvents
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Events", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    public static JsonElement Element(string name) => JsonDocument.Parse(Bytes(name)).RootElement.Clone();

    /// <summary>A sample with its new and previous state values replaced, for transitions the samples lack.</summary>
    public static JsonElement WithStates(string name, string state, string previous)
    {
        var root = JsonNode.Parse(Bytes(name))!.AsObject();
        var detail = (root["detail"] ?? root["alarmData"])!.AsObject();
        detail["state"]!["value"] = state;
        detail["previousState"]!["value"] = previous;
        return JsonSerializer.SerializeToElement(root, TestJsonContext.Default.JsonObject);
    }
}
