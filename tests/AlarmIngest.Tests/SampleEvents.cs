using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.AlarmIngest.Tests;

/// <summary>The sample alarm events of the repository's events/ folder, copied next to the tests, and variants of them.</summary>
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
        return Element(root);
    }

    /// <summary>
    /// The metric sample as a Container Insights alarm <paramref name="alarmName"/> on pod <paramref name="podName"/> of
    /// namespace shop in cluster prod, entering <paramref name="state"/> at <paramref name="at"/> from
    /// <paramref name="previous"/> (entered at <paramref name="previousAt"/>, default an hour earlier).
    /// </summary>
    public static JsonElement Workload(string alarmName, string podName, DateTimeOffset at, string state = "ALARM", string previous = "OK", DateTimeOffset? previousAt = null)
    {
        var root = JsonNode.Parse(Bytes("cloudwatch-alarm-metric.json"))!.AsObject();
        root["resources"] = new JsonArray("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + alarmName);
        var detail = root["detail"]!.AsObject();
        detail["alarmName"] = alarmName;
        detail["state"]!["value"] = state;
        detail["state"]!["timestamp"] = Timestamp(at);
        detail["previousState"]!["value"] = previous;
        detail["previousState"]!["timestamp"] = Timestamp(previousAt ?? at.AddHours(-1));
        detail["configuration"]!["metrics"]![0]!["metricStat"]!["metric"] = new JsonObject
        {
            ["namespace"] = "ContainerInsights",
            ["name"] = "pod_number_of_container_restarts",
            ["dimensions"] = new JsonObject { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["PodName"] = podName },
        };
        return Element(root);
    }

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private static JsonElement Element(JsonObject root) => JsonSerializer.SerializeToElement(root, TestJsonContext.Default.JsonObject);
}
