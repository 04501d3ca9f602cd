using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Simulation.Kubernetes;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// Maps container logs to the CloudWatch Logs events Container Insights' Fluent Bit DaemonSet writes for them, so a
/// scenario's <c>kubectl logs</c> text can also be read through CloudWatch Logs.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>what</term><description>value</description></listheader>
/// <item><term>log group</term><description><c>/aws/containerinsights/&lt;cluster&gt;/application</c></description></item>
/// <item><term>log stream</term><description><c>&lt;host&gt;-application.var.log.containers.&lt;pod&gt;_&lt;namespace&gt;_&lt;container&gt;-&lt;containerId&gt;.log</c> (Fluent Bit's <c>log_stream_prefix ${HOST_NAME}-</c> plus the tail tag)</description></item>
/// <item><term>message</term><description>one per non-blank line: <c>{"time":…,"stream":"stdout","_p":"F","log":"&lt;line&gt;","kubernetes":{"pod_name","namespace_name","pod_id","host","container_name","docker_id","container_hash","container_image"}}</c> (<c>kubernetes</c> members only when known)</description></item>
/// <item><term>host, pod_id, container_image, container_hash, docker_id</term><description>from the Pod object when given: <c>spec.nodeName</c>, <c>metadata.uid</c>, the container's <c>image</c>, its status's <c>imageID</c> and <c>containerID</c> (of <c>lastState.terminated</c> for the previous instance) without the runtime prefix; without a pod (or a value), host is <c>unknown</c> and the container id a SHA-256 of namespace, pod, container and instance</description></item>
/// <item><term>time of a line</term><description>a leading RFC 3339 timestamp; else, for a JSON line, its <c>time</c>, <c>ts</c>, <c>timestamp</c> or <c>@timestamp</c> (RFC 3339, or epoch seconds or milliseconds); else a logfmt <c>time=</c>/<c>ts=</c>; else the time of the nearest earlier line that has one, or of the first later one; when no line has a time, the instance's end (<c>lastState.terminated.finishedAt</c> for the previous instance) or <c>now</c>; times are cut to the millisecond</description></item>
/// </list>
/// Every line is attributed to <c>stdout</c>. The line itself is kept as written in <c>log</c>.
/// </remarks>
public static partial class ContainerInsightsLogs
{
    /// <summary>The Container Insights application log group of a cluster.</summary>
    /// <param name="clusterName">The EKS cluster name.</param>
    /// <returns><c>/aws/containerinsights/&lt;cluster&gt;/application</c>.</returns>
    public static string ApplicationLogGroup(string clusterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterName);
        return $"/aws/containerinsights/{clusterName}/application";
    }

    /// <summary>The log stream Fluent Bit writes a container's lines to.</summary>
    /// <param name="host">The node name.</param>
    /// <param name="podName">The pod name.</param>
    /// <param name="namespace">The pod's namespace.</param>
    /// <param name="containerName">The container name.</param>
    /// <param name="containerId">The container id (64 hex digits, no runtime prefix).</param>
    /// <returns>The stream name.</returns>
    public static string ApplicationLogStream(string host, string podName, string @namespace, string containerName, string containerId) =>
        $"{host}-application.var.log.containers.{podName}_{@namespace}_{containerName}-{containerId}.log";

    /// <summary>The CloudWatch Logs events of one container instance's log (see the remarks for the mapping).</summary>
    /// <param name="clusterName">The EKS cluster name.</param>
    /// <param name="log">The container instance's log.</param>
    /// <param name="pod">The Pod object (as <c>kubectl get -o json</c> prints it), or null when unknown.</param>
    /// <param name="now">The clock, for logs whose lines carry no time.</param>
    /// <returns>One event per non-blank line, in line order.</returns>
    public static IReadOnlyList<SimulatedLogEvent> FromContainerLog(string clusterName, ContainerLog log, JsonObject? pod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(log);
        var group = ApplicationLogGroup(clusterName);
        var container = Named(pod?["spec"]?["containers"], log.Container) ?? Named(pod?["spec"]?["initContainers"], log.Container);
        var status = Named(pod?["status"]?["containerStatuses"], log.Container) ?? Named(pod?["status"]?["initContainerStatuses"], log.Container);
        var instance = log.Previous ? status?["lastState"]?["terminated"] as JsonObject : status;
        var host = Text(pod?["spec"]?["nodeName"]) ?? "unknown";
        var containerId = StripRuntime(Text(instance?["containerID"])) ?? Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{log.Namespace}/{log.Pod}/{log.Container}/{(log.Previous ? "previous" : "current")}")));
        var stream = ApplicationLogStream(host, log.Pod, log.Namespace, log.Container, containerId);
        var fallback = (log.Previous ? Time(Text(status?["lastState"]?["terminated"]?["finishedAt"])) : null) ?? now;

        var lines = log.Text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var times = lines.Select(LineTime).ToList();
        var known = times.FirstOrDefault(t => t is not null);
        DateTimeOffset? previous = null;
        var events = new List<SimulatedLogEvent>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds((times[i] ?? previous ?? known ?? fallback).ToUnixTimeMilliseconds());
            previous = time;
            var record = JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("stream", "stdout");
                writer.WriteString("_p", "F");
                writer.WriteString("log", lines[i]);
                writer.WriteStartObject("kubernetes");
                writer.WriteString("pod_name", log.Pod);
                writer.WriteString("namespace_name", log.Namespace);
                JsonOutput.OptionalString(writer, "pod_id", Text(pod?["metadata"]?["uid"]));
                writer.WriteString("host", host);
                writer.WriteString("container_name", log.Container);
                writer.WriteString("docker_id", containerId);
                JsonOutput.OptionalString(writer, "container_hash", Text(instance?["imageID"]) ?? Text(status?["imageID"]));
                JsonOutput.OptionalString(writer, "container_image", Text(container?["image"]));
                writer.WriteEndObject();
                writer.WriteEndObject();
            });
            events.Add(new SimulatedLogEvent(group, stream, time, Encoding.UTF8.GetString(record)));
        }

        return events;
    }

    private static DateTimeOffset? LineTime(string line)
    {
        var leading = LeadingTimestamp().Match(line);
        if (leading.Success && Time(leading.Groups[1].Value) is { } t)
        {
            return t;
        }

        if (line.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var name in new[] { "time", "ts", "timestamp", "@timestamp" })
                    {
                        if (document.RootElement.TryGetProperty(name, out var value) && JsonTime(value) is { } jsonTime)
                        {
                            return jsonTime;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all.
            }
        }

        var logfmt = LogfmtTime().Match(line);
        return logfmt.Success ? Time(logfmt.Groups[2].Value) : null;
    }

    private static DateTimeOffset? JsonTime(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return Time(value.GetString());
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number > 0)
        {
            // Epoch seconds (zap's default, with a fraction) or milliseconds.
            return number < 1e11
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(number * 1000))
                : number < 1e14 ? DateTimeOffset.FromUnixTimeMilliseconds((long)number) : null;
        }

        return null;
    }

    private static DateTimeOffset? Time(string? text) =>
        text is { Length: >= 10 } && char.IsAsciiDigit(text[0]) && AlarmEventReader.ParseTimestamp(text) is { } time ? time : null;

    private static JsonObject? Named(JsonNode? list, string name) =>
        (list as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Text(c["name"]) == name);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static string? StripRuntime(string? id)
    {
        if (id is null)
        {
            return null;
        }

        var separator = id.IndexOf("://", StringComparison.Ordinal);
        return separator < 0 ? id : id[(separator + 3)..];
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))\s")]
    private static partial Regex LeadingTimestamp();

    [GeneratedRegex(@"(?:^|\s)(time|ts)=""?(\d{4}-\d{2}-\d{2}T[^\s""]+)")]
    private static partial Regex LogfmtTime();
}
