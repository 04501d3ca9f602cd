using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>): objects merge, null deletes, anything else replaces.</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject.CloneObject() : new JsonObject();
        Merge(result, patchObject);
        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject child)
            {
                if (target[name] is not JsonObject existing)
                {
                    existing = new JsonObject();
                    target[name] = existing;
                }

                Merge(existing, child);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
