using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions;

/// <summary>
/// The forms of a runbook's <see cref="ProposedChange.Patch"/>. The patch names how it is sent, so applying it needs
/// nothing but the patch and the target:
/// <c>{"strategicMergePatch": {…}}</c> (PATCH, <c>application/strategic-merge-patch+json</c>),
/// <c>{"jsonPatch": […]}</c> (PATCH, <c>application/json-patch+json</c>),
/// <c>{"delete": {"preconditions": {"uid": …}}}</c> (DELETE with those <c>DeleteOptions</c>),
/// and for a drain <c>{"strategicMergePatch": {"spec": {"unschedulable": true}}, "evictions": [{namespace, name, uid}]}</c>
/// (the cordon, then one <c>policy/v1 Eviction</c> per pod). <c>escalate</c> has the empty patch <c>{}</c>.
/// </summary>
internal static class RunbookPatch
{
    public const string StrategicMerge = "strategicMergePatch";
    public const string Json = "jsonPatch";
    public const string Delete = "delete";
    public const string Evictions = "evictions";

    public const string StrategicMergeMediaType = "application/strategic-merge-patch+json";
    public const string JsonPatchMediaType = "application/json-patch+json";

    public static JsonObject StrategicMergePatch(JsonObject body) => new() { [StrategicMerge] = body };
}
