using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Writes: patch (three kinds), replace, create, delete, the scale and status subresources, eviction; server-side dry runs; every accepted write recorded.</summary>
internal sealed partial class ApiHandler
{
    private static readonly string[] BuiltInPatchTypes = [MediaTypes.JsonPatch, MediaTypes.MergePatch, MediaTypes.StrategicMergePatch];
    private static readonly string[] CustomPatchTypes = [MediaTypes.JsonPatch, MediaTypes.MergePatch, MediaTypes.ApplyPatch];

    private async Task PatchAsync(HttpContext context, ResourceRequest request)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var dryRun = IsDryRun(context, null);
        var patchType = MediaTypes.Of(context.Request.ContentType);
        var type = request.Type;
        await UpdateExistingAsync(
            context, request, body, dryRun, patchType, before => ApplyPatch(type, Served(type, before.CloneObject()), patchType, body)).ConfigureAwait(false);
    }

    private async Task ReplaceAsync(HttpContext context, ResourceRequest request)
    {
        RequireJson(context);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var dryRun = IsDryRun(context, null);
        var type = request.Type;
        var replacement = ParseObject(body, "object");
        CheckKind(type, replacement);
        await UpdateExistingAsync(context, request, body, dryRun, patchType: null, _ => replacement).ConfigureAwait(false);
    }

    /// <summary>
    /// The shared half of PATCH and PUT: under the store's lock, read the object, build its new served form from it,
    /// finalize and commit (or only validate, for a dry run), record the write, and answer with the result.
    /// </summary>
    private async Task UpdateExistingAsync(
        HttpContext context, ResourceRequest request, string body, bool dryRun, string? patchType, Func<JsonObject, JsonObject> newServedForm)
    {
        var type = request.Type;
        JsonObject after;
        lock (Store.Gate)
        {
            var before = Store.Get(type.StorageKey, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(type, request.Name!);
            var updated = Finalize(type, before, Stored(type, newServedForm(before), before.Str("apiVersion")!), request);
            after = Commit(type, updated, dryRun);
            Record(context, request, body, dryRun, before, after, 200, patchType);
        }

        await WriteJsonAsync(context, 200, Served(type, after)).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, ResourceRequest request)
    {
        RequireJson(context);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var dryRun = IsDryRun(context, null);
        var type = request.Type;
        var created = ParseObject(body, "object");
        CheckKind(type, created);
        var metadata = created.Child("metadata");
        if (metadata.Str("name") is not { Length: > 0 })
        {
            if (metadata.Str("generateName") is not { Length: > 0 } prefix)
            {
                throw ApiErrors.Invalid(type.Kind, type.Group, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
            }

            metadata["name"] = prefix + RandomNumberGenerator.GetString("bcdfghjklmnpqrstvwxz2456789", 5);
        }

        var name = metadata.Str("name")!;
        if (type.Namespaced)
        {
            if (metadata.Str("namespace") is { Length: > 0 } ns && ns != request.Namespace)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = request.Namespace;
        }

        var stored = Stored(type, created, type.IsEventsApi ? "v1" : type.GroupVersion);
        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "generation", "deletionTimestamp" })
        {
            stored.Child("metadata").Remove(field);
        }

        if (type.HasStatus && type.Kind != "Pod")
        {
            stored.Remove("status");
        }

        ObjectValidation.Validate(type, stored, null);
        JsonObject after;
        lock (Store.Gate)
        {
            if (Store.Contains(type.StorageKey, request.Namespace, name))
            {
                throw ApiErrors.AlreadyExists(type, name);
            }

            ObjectNormalizer.Complete(type, stored, _cluster.Now);
            after = Commit(type, stored, dryRun);
            Record(context, request with { Name = name }, body, dryRun, null, after, 201, null);
        }

        await WriteJsonAsync(context, 201, Served(type, after)).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, ResourceRequest request)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var options = body.Trim().Length == 0 ? new JsonObject() : ParseObject(body, "DeleteOptions");
        var dryRun = IsDryRun(context, options);
        var type = request.Type;
        JsonObject response;
        lock (Store.Gate)
        {
            var before = Store.Get(type.StorageKey, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(type, request.Name!);
            CheckPreconditions(type, before, options);
            var (result, after) = Delete(type, before, options, QueryInt(context, "gracePeriodSeconds"), dryRun);
            response = result;
            Record(context, request, body, dryRun, before, after, 200, null);
        }

        await WriteJsonAsync(context, 200, Served(type, response)).ConfigureAwait(false);
    }

    private async Task EvictAsync(HttpContext context, ResourceRequest request)
    {
        RequireJson(context);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var eviction = ParseObject(body, "Eviction");
        if (eviction.Str("metadata", "name") is { Length: > 0 } named && named != request.Name)
        {
            throw ApiErrors.BadRequest($"name in URL does not match name in Eviction object");
        }

        var options = eviction.Obj("deleteOptions") ?? new JsonObject();
        var dryRun = IsDryRun(context, options);
        var type = request.Type;
        lock (Store.Gate)
        {
            var pod = Store.Get(type.StorageKey, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(type, request.Name!);
            CheckPreconditions(type, pod, options);
            CheckDisruptionBudget(pod, dryRun);
            var (_, after) = Delete(type, pod, options, null, dryRun);
            Record(context, request, body, dryRun, pod, after, 201, null);
        }

        await WriteJsonAsync(context, 201, ApiErrors.Status("Success", null, null, null, 201)).ConfigureAwait(false);
    }

    /// <summary>
    /// A <c>SelfSubjectAccessReview</c>: the simulated server's one token may do everything. The review is echoed with
    /// <c>allowed: true</c>; a body the server cannot read (kubectl sends this one as protobuf) gets an empty spec.
    /// </summary>
    private static async Task ReviewAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var review = IsJson(context) && ParseJson(body, "SelfSubjectAccessReview") is JsonObject parsed ? parsed : new JsonObject { ["spec"] = new JsonObject() };
        review["kind"] = "SelfSubjectAccessReview";
        review["apiVersion"] = "authorization.k8s.io/v1";
        review["metadata"] = new JsonObject { ["creationTimestamp"] = null };
        review["status"] = new JsonObject { ["allowed"] = true, ["reason"] = "the simulated cluster's token may do everything" };
        await WriteJsonAsync(context, 201, review).ConfigureAwait(false);
    }

    private static bool IsJson(HttpContext context) => MediaTypes.Of(context.Request.ContentType) is "" or MediaTypes.Json;

    /// <summary>Refuses a body that is not JSON (protobuf, YAML) as the server refuses a type it cannot decode.</summary>
    private static void RequireJson(HttpContext context)
    {
        if (!IsJson(context))
        {
            throw ApiErrors.UnsupportedMediaType([MediaTypes.Json]);
        }
    }

    private Task GetScaleAsync(HttpContext context, ResourceRequest request)
    {
        var parent = Store.Get(request.Type.StorageKey, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
        return WriteJsonAsync(context, 200, Scale(parent));
    }

    private async Task PatchScaleAsync(HttpContext context, ResourceRequest request)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var patchType = MediaTypes.Of(context.Request.ContentType);
        await UpdateScaleAsync(context, request, body, patchType, scale => ApplyPatch(request.Type, scale, patchType, body, isScale: true)).ConfigureAwait(false);
    }

    private async Task ReplaceScaleAsync(HttpContext context, ResourceRequest request)
    {
        RequireJson(context);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var replacement = ParseObject(body, "Scale");
        await UpdateScaleAsync(context, request, body, null, _ => replacement).ConfigureAwait(false);
    }

    private async Task UpdateScaleAsync(HttpContext context, ResourceRequest request, string body, string? patchType, Func<JsonObject, JsonObject> change)
    {
        var dryRun = IsDryRun(context, null);
        var type = request.Type;
        JsonObject after;
        lock (Store.Gate)
        {
            var before = Store.Get(type.StorageKey, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(type, request.Name!);
            var scale = change(Scale(before));
            if (scale.Str("metadata", "name") is { Length: > 0 } name && name != request.Name)
            {
                throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
            }

            if (scale.Str("metadata", "resourceVersion") is { Length: > 0 } version && version != before.Str("metadata", "resourceVersion"))
            {
                throw ApiErrors.Conflict(type, request.Name!);
            }

            var replicasNode = scale.At("spec", "replicas");
            var replicas = scale.Int("spec", "replicas");
            if (replicasNode is not null && replicas is null)
            {
                throw ApiErrors.BadRequest($"json: cannot unmarshal {replicasNode.ToText()} into Go struct field ScaleSpec.spec.replicas of type int32");
            }

            if (replicas is < 0)
            {
                throw ApiErrors.Invalid("Scale", "autoscaling", request.Name!, [FieldError.Invalid("spec.replicas", replicas.Value, "must be greater than or equal to 0")]);
            }

            var updated = before.CloneObject();
            updated.Child("spec")["replicas"] = replicas ?? 0;
            updated = Finalize(type, before, updated, request with { Subresource = null });
            after = Commit(type, updated, dryRun);
            Record(context, request, body, dryRun, before, after, 200, patchType);
        }

        await WriteJsonAsync(context, 200, Scale(after)).ConfigureAwait(false);
    }

    /// <summary>The <c>autoscaling/v1 Scale</c> of a workload.</summary>
    private static JsonObject Scale(JsonObject parent)
    {
        var metadata = new JsonObject { ["name"] = parent.Str("metadata", "name") };
        foreach (var field in new[] { "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (parent.At("metadata", field) is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        var status = new JsonObject { ["replicas"] = parent.Int("status", "replicas") ?? 0 };
        var selector = parent.Obj("spec", "selector") is { } s
            ? s.ContainsKey("matchLabels") || s.ContainsKey("matchExpressions")
                ? LabelSelector.FromObject(s).ToString()
                : string.Join(",", LabelSelector.LabelsOf(s).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
            : "";
        if (selector.Length > 0)
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = parent.Int("spec", "replicas") ?? 1 },
            ["status"] = status,
        };
    }

    private static JsonObject ApplyPatch(ResourceType type, JsonObject target, string patchType, string body, bool isScale = false)
    {
        JsonNode? result;
        try
        {
            switch (patchType)
            {
                case MediaTypes.JsonPatch:
                    result = JsonPatch.Apply(target, ParseJson(body, "patch"));
                    break;
                case MediaTypes.MergePatch:
                    result = JsonMergePatch.Apply(target, ParseJson(body, "patch"));
                    break;
                case MediaTypes.StrategicMergePatch when !type.IsCustom || isScale:
                    result = StrategicMergePatch.Apply(target, ParseJson(body, "patch"));
                    break;
                default:
                    throw ApiErrors.UnsupportedMediaType(type.IsCustom && !isScale ? CustomPatchTypes : BuiltInPatchTypes);
            }
        }
        catch (PatchException e)
        {
            throw e.NotApplicable ? ApiErrors.PatchNotApplicable() : ApiErrors.BadRequest(e.Message);
        }

        return result as JsonObject ?? throw ApiErrors.BadRequest("the patch did not produce an object");
    }

    /// <summary>
    /// What the server keeps of an update: the name, namespace, uid and creation time of the stored object; status
    /// from the stored object (or only status, for <c>/status</c>); generation bumped when anything outside metadata
    /// and status changed; the <c>resourceVersion</c> precondition; validation.
    /// </summary>
    private static JsonObject Finalize(ResourceType type, JsonObject before, JsonObject after, ResourceRequest request)
    {
        var metadata = after.Child("metadata");
        if (metadata.Str("name") is { Length: > 0 } name && name != request.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({request.Name})");
        }

        if (type.Namespaced && metadata.Str("namespace") is { Length: > 0 } ns && ns != request.Namespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (metadata.Str("resourceVersion") is { Length: > 0 } version && version != before.Str("metadata", "resourceVersion"))
        {
            throw ApiErrors.Conflict(type, request.Name!);
        }

        JsonObject result;
        if (request.Subresource == "status")
        {
            result = before.CloneObject();
            result["status"] = after["status"]?.DeepClone();
        }
        else
        {
            result = after;
            var resultMetadata = result.Child("metadata");
            resultMetadata["name"] = request.Name;
            if (type.Namespaced)
            {
                resultMetadata["namespace"] = request.Namespace;
            }

            foreach (var field in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                if (before.At("metadata", field) is { } kept)
                {
                    resultMetadata[field] = kept.DeepClone();
                }
                else
                {
                    resultMetadata.Remove(field);
                }
            }

            if (type.HasStatus)
            {
                if (before["status"] is { } status)
                {
                    result["status"] = status.DeepClone();
                }
                else
                {
                    result.Remove("status");
                }
            }
        }

        if (result.Obj("status") is null && result.ContainsKey("status"))
        {
            result.Remove("status");
        }

        result.Child("metadata")["resourceVersion"] = before.Str("metadata", "resourceVersion");
        if (type.TracksGeneration && !JsonNode.DeepEquals(SpecOf(before), SpecOf(result)))
        {
            result.Child("metadata")["generation"] = (before.Int("metadata", "generation") ?? 1) + 1;
        }

        ObjectValidation.Validate(type, result, before);
        return result;
    }

    private static JsonObject SpecOf(JsonObject obj)
    {
        var copy = obj.CloneObject();
        copy.Remove("metadata");
        copy.Remove("status");
        copy.Remove("apiVersion");
        copy.Remove("kind");
        return copy;
    }

    /// <summary>Stores the object, or for a dry run returns it as it would have been stored. An update that changes
    /// nothing is not written and keeps its resource version, as the storage layer skips no-op updates.</summary>
    private JsonObject Commit(ResourceType type, JsonObject updated, bool dryRun)
    {
        if (dryRun)
        {
            return updated;
        }

        var metadata = updated.Obj("metadata");
        var current = Store.Get(type.StorageKey, metadata.Str("namespace"), metadata.Str("name") ?? "");
        return current is not null && JsonNode.DeepEquals(current, updated) ? current : Store.Put(type.StorageKey, updated);
    }

    /// <summary>
    /// Deletes an object as the registry does: one with finalizers only gets a deletion timestamp; a scheduled pod is
    /// answered with its graceful-deletion stamp (the simulated kubelet confirms at once, so it is gone afterwards);
    /// anything else is removed and returned. Returns the answer and the object left stored (null when removed).
    /// </summary>
    private (JsonObject Response, JsonObject? After) Delete(ResourceType type, JsonObject before, JsonObject options, long? queryGrace, bool dryRun)
    {
        var ns = before.Str("metadata", "namespace");
        var name = before.Str("metadata", "name")!;
        var now = _cluster.Now;
        if (before.Arr("metadata", "finalizers") is { Count: > 0 })
        {
            var marked = before.CloneObject();
            var metadata = marked.Child("metadata");
            metadata["deletionTimestamp"] ??= JsonTree.FormatTime(now);
            metadata["deletionGracePeriodSeconds"] ??= 0;
            var kept = Commit(type, marked, dryRun);
            return (kept, kept);
        }

        var response = before.CloneObject();
        if (type.Kind == "Pod" && type.Group.Length == 0 && before.Str("spec", "nodeName") is { Length: > 0 })
        {
            var grace = options.Int("gracePeriodSeconds") ?? queryGrace ?? before.Int("spec", "terminationGracePeriodSeconds") ?? 30;
            if (grace > 0 && before.Str("metadata", "deletionTimestamp") is null)
            {
                response.Child("metadata")["deletionTimestamp"] = JsonTree.FormatTime(now.AddSeconds(grace));
                response.Child("metadata")["deletionGracePeriodSeconds"] = grace;
            }
        }

        if (!dryRun)
        {
            Store.Remove(type.StorageKey, ns, name);
        }

        return (response, null);
    }

    private static void CheckPreconditions(ResourceType type, JsonObject before, JsonObject options)
    {
        if (options.Str("preconditions", "uid") is { Length: > 0 } uid && uid != before.Str("metadata", "uid"))
        {
            throw ApiErrors.Failure(409, "Conflict",
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {before.Str("metadata", "uid")}",
                ApiErrors.Details(before.Str("metadata", "name"), type.Group, type.Name));
        }

        if (options.Str("preconditions", "resourceVersion") is { Length: > 0 } version && version != before.Str("metadata", "resourceVersion"))
        {
            throw ApiErrors.Failure(409, "Conflict",
                $"Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {before.Str("metadata", "resourceVersion")}",
                ApiErrors.Details(before.Str("metadata", "name"), type.Group, type.Name));
        }
    }

    /// <summary>Refuses an eviction that a PodDisruptionBudget forbids (429), and counts an allowed one against the budget.</summary>
    private void CheckDisruptionBudget(JsonObject pod, bool dryRun)
    {
        var phase = pod.Str("status", "phase");
        if (phase is "Succeeded" or "Failed" or "Pending" || pod.Str("metadata", "deletionTimestamp") is not null)
        {
            return;
        }

        var pdbType = Catalog.Find("policy", "v1", "poddisruptionbudgets")!;
        var ns = pod.Str("metadata", "namespace");
        var budgets = Store.List(pdbType.StorageKey, ns).Where(b => LabelSelector.FromObject(b.Obj("spec", "selector")).Matches(pod)).ToList();
        if (budgets.Count == 0)
        {
            return;
        }

        if (budgets.Count > 1)
        {
            throw ApiErrors.Internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        var budget = budgets[0];
        var details = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "DisruptionBudget",
                ["message"] = $"The disruption budget {budget.Str("metadata", "name")} needs {budget.Int("status", "desiredHealthy") ?? 0} healthy pods and has {budget.Int("status", "currentHealthy") ?? 0} currently",
            }),
        };
        var ready = pod.Arr("status", "conditions")?.OfType<JsonObject>().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True") == true;
        if (!ready)
        {
            // An unhealthy pod may go when the policy always allows it, or (IfHealthyBudget, the default) while the
            // application still has the healthy pods the budget asks for; the budget is not charged.
            if (budget.Str("spec", "unhealthyPodEvictionPolicy") == "AlwaysAllow"
                || (budget.Int("status", "currentHealthy") ?? 0) >= (budget.Int("status", "desiredHealthy") ?? 0))
            {
                return;
            }

            throw ApiErrors.TooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", details);
        }

        var allowed = budget.Int("status", "disruptionsAllowed") ?? 0;
        if (allowed <= 0)
        {
            throw ApiErrors.TooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", details);
        }

        if (!dryRun)
        {
            var status = budget.Child("status");
            status["disruptionsAllowed"] = allowed - 1;
            status.Child("disruptedPods")[pod.Str("metadata", "name")!] = JsonTree.FormatTime(_cluster.Now);
            Store.Put(pdbType.StorageKey, budget);
        }
    }

    private static void CheckKind(ResourceType type, JsonObject obj)
    {
        if (obj.Str("kind") is { Length: > 0 } kind && kind != type.Kind)
        {
            throw ApiErrors.BadRequest($"the kind of the object ({kind}) does not match the kind of the resource ({type.Kind})");
        }
    }

    /// <summary>Whether the request is a dry run (<c>?dryRun=All</c> or <c>DeleteOptions.dryRun</c>); other values are refused as the server does.</summary>
    private static bool IsDryRun(HttpContext context, JsonObject? options)
    {
        var values = context.Request.Query["dryRun"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        values.AddRange(options.At("dryRun").Strings());
        foreach (var value in values.Where(v => v != "All"))
        {
            throw ApiErrors.BadRequest($"dryRun: Unsupported value: \"{value}\": supported values: \"All\"");
        }

        return values.Count > 0;
    }

    private void Record(HttpContext context, ResourceRequest request, string body, bool dryRun, JsonObject? before, JsonObject? after, int status, string? patchType) =>
        _cluster.Record(sequence => new RecordedWrite
        {
            Sequence = sequence,
            Verb = context.Request.Method.ToUpperInvariant(),
            Path = request.Path,
            Query = request.Query,
            PatchType = HttpMethods.IsPatch(context.Request.Method) ? patchType : null,
            Body = body,
            DryRun = dryRun,
            Group = request.Type.Group,
            Resource = request.Type.Name,
            Subresource = request.Subresource,
            Namespace = request.Namespace,
            Name = request.Name ?? "",
            Before = before?.CloneObject(),
            After = after?.CloneObject(),
            StatusCode = status,
        });
}
