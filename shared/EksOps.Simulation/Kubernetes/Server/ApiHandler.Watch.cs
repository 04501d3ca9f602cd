using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Watches: a stream of <c>{"type":…,"object":…}</c> lines. Without a resource version (or with <c>0</c>, or
/// <c>sendInitialEvents=true</c>) the current objects come first as <c>ADDED</c>; with one, the changes after it.
/// Then every change the server makes, until <c>timeoutSeconds</c> (default 30 minutes), the client leaves, or the
/// server stops.
/// </summary>
internal sealed partial class ApiHandler
{
    private async Task WatchAsync(
        HttpContext context, ResourceRequest request, LabelSelector labels, FieldSelector fields, Representation representation, string version)
    {
        var type = request.Type;
        var resourceVersion = Query(context, "resourceVersion");
        var sendInitial = QueryFlag(context, "sendInitialEvents");
        var bookmarks = QueryFlag(context, "allowWatchBookmarks");
        var timeout = TimeSpan.FromSeconds(Math.Clamp(QueryInt(context, "timeoutSeconds") ?? 1800, 1, 3600));
        var changes = Channel.CreateUnbounded<ObjectChange>();
        List<ObjectChange> initial;
        IDisposable subscription;
        long current;
        lock (Store.Gate)
        {
            current = Store.ResourceVersion;
            var from = long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            var replay = from > 0 && !sendInitial;
            (var past, subscription) = Store.Watch(type.StorageKey, replay ? from : current, change => changes.Writer.TryWrite(change));
            initial = replay
                ? past
                : [.. Store.List(type.StorageKey, request.Namespace).Select(o => new ObjectChange("ADDED", type.StorageKey, o, current))];
        }

        using (subscription)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = MediaTypes.Json;
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var change in initial)
            {
                await SendAsync(change).ConfigureAwait(false);
            }

            if (sendInitial && bookmarks)
            {
                var bookmark = new JsonObject
                {
                    ["kind"] = type.Kind,
                    ["apiVersion"] = type.GroupVersion,
                    ["metadata"] = new JsonObject
                    {
                        ["resourceVersion"] = current.ToString(CultureInfo.InvariantCulture),
                        ["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" },
                    },
                };
                await WriteEventAsync(context, "BOOKMARK", bookmark).ConfigureAwait(false);
            }

            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
            ending.CancelAfter(timeout);
            try
            {
                await foreach (var change in changes.Reader.ReadAllAsync(ending.Token).ConfigureAwait(false))
                {
                    await SendAsync(change).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                // Timeout or server stop: end the stream normally, as the server ends a watch.
            }
        }

        async Task SendAsync(ObjectChange change)
        {
            var obj = change.Object;
            if ((request.Namespace is not null && obj.Str("metadata", "namespace") != request.Namespace) || !labels.Matches(obj) || !fields.Matches(obj))
            {
                return;
            }

            var served = Served(type, obj.CloneObject());
            JsonObject payload = representation switch
            {
                Representation.Table => TableConverter.Convert(
                    type, [obj], [served], version, Query(context, "includeObject"), _cluster.Now,
                    new JsonObject { ["resourceVersion"] = change.ResourceVersion.ToString(CultureInfo.InvariantCulture) }),
                Representation.Metadata => PartialMetadata(obj, version),
                _ => served,
            };
            await WriteEventAsync(context, change.Type, payload).ConfigureAwait(false);
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToUtf8();
        await context.Response.Body.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
