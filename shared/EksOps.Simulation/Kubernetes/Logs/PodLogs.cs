using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Pod logs as the API server and kubelet serve them: the container defaulted or refused as
/// <c>LogLocation</c> does, the container instance chosen as the kubelet's <c>validateContainerLogStatus</c> does
/// (a container waiting after a crash serves its last terminated instance), then <c>tailLines</c>,
/// <c>sinceSeconds</c>/<c>sinceTime</c> (relative to the cluster clock, over lines that start with an RFC 3339
/// timestamp), <c>timestamps</c> and <c>limitBytes</c>.
/// </summary>
internal static class PodLogs
{
    public sealed record Options(string? Container, bool Previous, long? TailLines, long? SinceSeconds, DateTimeOffset? SinceTime, bool Timestamps, long? LimitBytes);

    /// <summary>The container the request is for.</summary>
    /// <exception cref="ApiException">400 with the API server's message when none is named for a multi-container pod, or the name is not the pod's.</exception>
    public static string Container(JsonObject pod, string? requested)
    {
        var name = pod.Str("metadata", "name");
        var regular = Names(pod, "containers");
        if (string.IsNullOrEmpty(requested))
        {
            switch (regular.Count)
            {
                case 1:
                    return regular[0];
                case 0:
                    throw ApiErrors.BadRequest($"a container name must be specified for pod {name}");
                default:
                    var all = Names(pod, "initContainers").Concat(regular).Concat(Names(pod, "ephemeralContainers"));
                    throw ApiErrors.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", all)}]");
            }
        }

        if (!Names(pod, "initContainers").Concat(regular).Concat(Names(pod, "ephemeralContainers")).Contains(requested))
        {
            throw ApiErrors.BadRequest($"container {requested} is not valid for pod {name}");
        }

        return requested;
    }

    /// <summary>The log text to serve.</summary>
    /// <exception cref="ApiException">400 with the kubelet's message when the instance asked for does not exist.</exception>
    public static string Read(JsonObject pod, string container, Options options, IReadOnlyList<ContainerLog> logs, DateTimeOffset now)
    {
        if (pod.Str("spec", "nodeName") is not { Length: > 0 })
        {
            return ""; // Not scheduled: the API server has no kubelet to ask and answers with an empty body.
        }

        var ns = pod.Str("metadata", "namespace");
        var name = pod.Str("metadata", "name");
        string? Text(bool previous) => logs.LastOrDefault(l => l.Namespace == ns && l.Pod == name && l.Container == container && l.Previous == previous)?.Text;
        var previousInstance = Instance(pod, container, options.Previous, Text(false) is not null || Text(true) is not null);
        var text = Text(previousInstance) ?? (options.Previous ? null : Text(!previousInstance)) ?? "";
        return Filter(text, options, now, StartedAt(pod, container, previousInstance));
    }

    /// <summary>Whether the kubelet would serve the previous (terminated) instance; throws its refusal when there is none to serve.</summary>
    private static bool Instance(JsonObject pod, string container, bool previous, bool hasLogs)
    {
        var name = pod.Str("metadata", "name");
        var status = FindStatus(pod, container);
        if (status is null)
        {
            if (hasLogs)
            {
                return previous; // The objects omit the status; the logs are what the scenario meant to show.
            }

            throw ApiErrors.BadRequest($"container \"{container}\" in pod \"{name}\" is not available");
        }

        var last = status.Obj("lastState", "terminated");
        if (previous)
        {
            return last is not null ? true : throw ApiErrors.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        }

        if (status.Obj("state", "running") is not null)
        {
            return false;
        }

        if (status.Obj("state", "terminated") is { } terminated)
        {
            return terminated.Str("containerID") is not { Length: > 0 } && last is not null;
        }

        if (last is not null)
        {
            return true;
        }

        if (status.Obj("state", "waiting") is { } waiting)
        {
            var reason = waiting.Str("reason") ?? "";
            throw ApiErrors.BadRequest(reason switch
            {
                "ErrImagePull" => $"container \"{container}\" in pod \"{name}\" is waiting to start: image can't be pulled",
                "ImagePullBackOff" => $"container \"{container}\" in pod \"{name}\" is waiting to start: trying and failing to pull image",
                _ => $"container \"{container}\" in pod \"{name}\" is waiting to start: {reason}",
            });
        }

        throw ApiErrors.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start - no logs yet");
    }

    private static JsonObject? FindStatus(JsonObject pod, string container)
    {
        foreach (var list in new[] { "containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses" })
        {
            if (pod.Arr("status", list)?.OfType<JsonObject>().FirstOrDefault(s => s.Str("name") == container) is { } status)
            {
                return status;
            }
        }

        return null;
    }

    private static DateTimeOffset? StartedAt(JsonObject pod, string container, bool previous)
    {
        var status = FindStatus(pod, container);
        return previous
            ? status.Timestamp("lastState", "terminated", "startedAt")
            : status.Timestamp("state", "running", "startedAt") ?? status.Timestamp("state", "terminated", "startedAt");
    }

    private static string Filter(string text, Options options, DateTimeOffset now, DateTimeOffset? startedAt)
    {
        // Each line's time: its own leading timestamp, else that of the line before it (the runtime stamps every
        // line; a continuation line was written right after the one it continues), else the container's start.
        var lines = new List<(string Text, DateTimeOffset Time, bool Stamped)>();
        var current = startedAt ?? now;
        foreach (var line in SplitLines(text))
        {
            var stamp = LeadingTimestamp(line);
            current = stamp ?? current;
            lines.Add((line, current, stamp is not null));
        }

        if (options.TailLines is { } tail)
        {
            lines = lines.Skip(Math.Max(0, lines.Count - (int)Math.Min(tail, int.MaxValue))).ToList();
        }

        DateTimeOffset? since = options.SinceTime ?? (options.SinceSeconds is { } seconds ? now.AddSeconds(-seconds) : null);
        var output = new StringBuilder();
        foreach (var (line, time, stamped) in lines)
        {
            if (stamped && since is { } cutoff && time < cutoff)
            {
                continue;
            }

            if (options.Timestamps)
            {
                output.Append(JsonTree.FormatNano(time)).Append(' ');
            }

            output.Append(line);
        }

        var result = output.ToString();
        if (options.LimitBytes is { } limit)
        {
            var bytes = Encoding.UTF8.GetBytes(result);
            if (bytes.Length > limit)
            {
                result = Encoding.UTF8.GetString(bytes, 0, (int)limit);
            }
        }

        return result;
    }

    /// <summary>The lines of <paramref name="text"/>, each with its newline; a last line without one stays without.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            lines.Add(text[start..(end + 1)]);
            start = end + 1;
        }

        return lines;
    }

    private static DateTimeOffset? LeadingTimestamp(string line)
    {
        var end = line.IndexOfAny([' ', '\t', '\n']);
        var token = (end < 0 ? line : line[..end]).Trim('[', ']');
        if (token.Length < 20 || token[4] != '-' || token[10] is not ('T' or 't'))
        {
            return null;
        }

        return DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
    }

    private static List<string> Names(JsonObject pod, string list) =>
        pod.Arr("spec", list)?.OfType<JsonObject>().Select(c => c.Str("name") ?? "").ToList() ?? [];
}
