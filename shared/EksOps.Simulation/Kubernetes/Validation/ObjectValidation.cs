using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// The validation a real API server applies that runbook writes are most likely to trip: replica counts, resource
/// requests above limits, malformed quantities, HPA bounds, and changes to a pod's immutable spec.
/// </summary>
internal static class ObjectValidation
{
    /// <summary>Checks <paramref name="updated"/>; <paramref name="previous"/> is null for a create.</summary>
    /// <exception cref="ApiException">422 with the field errors, or 400 for a malformed quantity.</exception>
    public static void Validate(ResourceType type, JsonObject updated, JsonObject? previous)
    {
        var errors = new List<FieldError>();
        if (type.Group is "apps" or "" && type.Kind is "Deployment" or "ReplicaSet" or "StatefulSet" or "ReplicationController")
        {
            NonNegative(updated, errors, "spec", "replicas");
        }

        if (type.IsCustom)
        {
            return;
        }

        switch (type.Kind)
        {
            case "Pod":
                PodSpec(updated.Obj("spec"), "spec", errors);
                if (previous is not null && errors.Count == 0)
                {
                    PodUpdate(previous, updated, errors);
                }

                break;
            case "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" or "ReplicationController" or "PodTemplate":
                PodSpec(updated.Obj("spec", "template", "spec") ?? updated.Obj("template", "spec"), type.Kind == "PodTemplate" ? "template.spec" : "spec.template.spec", errors);
                break;
            case "CronJob":
                PodSpec(updated.Obj("spec", "jobTemplate", "spec", "template", "spec"), "spec.jobTemplate.spec.template.spec", errors);
                break;
            case "HorizontalPodAutoscaler":
                var min = updated.Int("spec", "minReplicas");
                var max = updated.Int("spec", "maxReplicas");
                if (min is < 1)
                {
                    errors.Add(FieldError.Invalid("spec.minReplicas", min.Value, "must be greater than or equal to 1"));
                }

                if (max is { } m && m < (min ?? 1))
                {
                    errors.Add(FieldError.Invalid("spec.maxReplicas", m, "must be greater than or equal to `minReplicas`"));
                }

                break;
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(type.Kind, type.Group, updated.Str("metadata", "name") ?? "", errors);
        }
    }

    private static void NonNegative(JsonObject obj, List<FieldError> errors, params string[] path)
    {
        var node = obj.At(path);
        if (node is null)
        {
            return;
        }

        if (obj.Int(path) is not { } value)
        {
            throw ApiErrors.BadRequest($"json: cannot unmarshal {node.ToText()} into Go struct field of type int32");
        }

        if (value < 0)
        {
            errors.Add(FieldError.Invalid(string.Join(".", path), value, "must be greater than or equal to 0"));
        }
    }

    private static void PodSpec(JsonObject? spec, string path, List<FieldError> errors)
    {
        if (spec is null)
        {
            return;
        }

        foreach (var list in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            if (spec.Arr(list) is not { } containers)
            {
                continue;
            }

            for (var i = 0; i < containers.Count; i++)
            {
                Resources(containers[i].Obj("resources"), $"{path}.{list}[{i}].resources", errors);
            }
        }
    }

    private static void Resources(JsonObject? resources, string path, List<FieldError> errors)
    {
        var limits = Quantities(resources.Obj("limits"));
        var requests = Quantities(resources.Obj("requests"));
        foreach (var (name, (text, value)) in requests)
        {
            if (limits.TryGetValue(name, out var limit) && value > limit.Value)
            {
                errors.Add(FieldError.Invalid($"{path}.requests[{name}]", text, $"must be less than or equal to {name} limit of {limit.Text}"));
            }
        }
    }

    private static Dictionary<string, (string Text, decimal Value)> Quantities(JsonObject? map)
    {
        var result = new Dictionary<string, (string, decimal)>(StringComparer.Ordinal);
        if (map is null)
        {
            return result;
        }

        foreach (var (name, node) in map)
        {
            var text = node.ScalarText() ?? "";
            if (!Quantity.TryParse(text, out var value))
            {
                throw ApiErrors.BadRequest($"quantities must match the regular expression '{Quantity.Pattern}'");
            }

            result[name] = (text, value);
        }

        return result;
    }

    /// <summary>A pod's spec may change only in container images, activeDeadlineSeconds and added tolerations.</summary>
    private static void PodUpdate(JsonObject previous, JsonObject updated, List<FieldError> errors)
    {
        var before = Mutable(previous.Obj("spec"));
        var after = Mutable(updated.Obj("spec"));
        if (!JsonNode.DeepEquals(before, after))
        {
            errors.Add(FieldError.Forbidden("spec",
                "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
        }
    }

    private static JsonObject Mutable(JsonObject? spec)
    {
        var copy = spec?.CloneObject() ?? new JsonObject();
        copy.Remove("activeDeadlineSeconds");
        copy.Remove("tolerations");
        copy.Remove("terminationGracePeriodSeconds");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (copy.Arr(list) is { } containers)
            {
                foreach (var container in containers.OfType<JsonObject>())
                {
                    container.Remove("image");
                }
            }
        }

        return copy;
    }
}
