using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace EksOps.Tools.Readers;

/// <summary>The body of <c>get_k8s_events</c>: core/v1 events, filtered and merged, newest first.</summary>
/// <param name="clients">The Kubernetes clients per cluster.</param>
/// <param name="time">The clock <c>sinceSeconds</c> is measured against; the system clock by default.</param>
public sealed class K8sEventsTool(IKubernetesClientFactory clients, TimeProvider? time = null) : IToolHandler
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public async ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var kubernetes = clients.GetClient(context.Cluster);
        var cancellationToken = context.CancellationToken;
        var ns = arguments.GetOptionalString("namespace");
        var kind = arguments.GetOptionalString("involvedKind");
        var name = arguments.GetOptionalString("involvedName");
        var uid = arguments.GetOptionalString("involvedUid");
        DateTimeOffset? since = arguments.Has("sinceSeconds")
            ? _time.GetUtcNow().AddSeconds(-arguments.GetInteger("sinceSeconds"))
            : null;

        var list = await KubernetesErrors.Call(
            () => ns is null
                ? kubernetes.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: cancellationToken)
                : kubernetes.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: cancellationToken),
            ns is null ? "events in every namespace" : $"events in namespace {ns}",
            cancellationToken).ConfigureAwait(false);

        // Filtered here rather than by field selector, so every API server (and the simulation) answers the same.
        var merged = (list.Items ?? [])
            .Where(e => kind is null || string.Equals(e.InvolvedObject?.Kind, kind, StringComparison.OrdinalIgnoreCase))
            .Where(e => name is null || string.Equals(e.InvolvedObject?.Name, name, StringComparison.Ordinal))
            .Where(e => uid is null || string.Equals(e.InvolvedObject?.Uid, uid, StringComparison.Ordinal))
            .Where(e => since is null || LastSeen(e) is not { } seen || seen >= since)
            .GroupBy(e => (e.InvolvedObject?.Kind, e.InvolvedObject?.NamespaceProperty, e.InvolvedObject?.Name, e.Type, e.Reason, e.Message))
            .Select(Merge)
            .OrderByDescending(e => e.Last ?? DateTimeOffset.MinValue)
            .ToList();

        return new JsonObject
        {
            ["count"] = merged.Count,
            ["events"] = new JsonArray([.. merged.Select(e => (JsonNode?)e.Json)]),
        };
    }

    private static (DateTimeOffset? Last, JsonObject Json) Merge(IEnumerable<Corev1Event> group)
    {
        var events = group.ToList();
        var first = events.Select(FirstSeen).Where(t => t is not null).Min();
        var last = events.Select(LastSeen).Where(t => t is not null).Max();
        var count = events.Sum(e => Math.Max(e.Count ?? e.Series?.Count ?? 1, 1));
        var sample = events[0];
        var json = new JsonObject
        {
            ["type"] = sample.Type,
            ["reason"] = sample.Reason ?? string.Empty,
            ["message"] = sample.Message ?? string.Empty,
            ["count"] = count,
        };
        if (first is not null)
        {
            json["firstTimestamp"] = Format(first.Value);
        }

        if (last is not null)
        {
            json["lastTimestamp"] = Format(last.Value);
        }

        var source = sample.Source?.Component ?? sample.ReportingComponent;
        if (source is not null)
        {
            json["source"] = source;
        }

        if (sample.InvolvedObject is { } involved)
        {
            var obj = new JsonObject { ["kind"] = involved.Kind, ["name"] = involved.Name };
            if (involved.NamespaceProperty is not null)
            {
                obj["namespace"] = involved.NamespaceProperty;
            }

            json["involvedObject"] = obj;
        }

        return (last, json);
    }

    private static DateTimeOffset? FirstSeen(Corev1Event e) =>
        ToOffset(e.FirstTimestamp ?? e.EventTime ?? e.Metadata?.CreationTimestamp);

    private static DateTimeOffset? LastSeen(Corev1Event e) =>
        ToOffset(e.LastTimestamp ?? e.Series?.LastObservedTime ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp);

    private static DateTimeOffset? ToOffset(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, v.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime() : null;

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
