using System.Text.Json.Nodes;
using EksOps.Diagnosis;
using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.IncidentFlow.Internal;

/// <summary>The single reads the steps make through the registry's read tools (the path agents use): one object, one alarm.</summary>
internal static class RegistryReads
{
    /// <summary><c>get_k8s_resource</c>: the object, or the error that kept it from being read.</summary>
    public static async Task<(JsonObject? Object, string? Error)> GetObjectAsync(ToolRegistry registry, ToolCaller caller, string? cluster, ObjectRef target, ILambdaContext lambda)
    {
        var arguments = new JsonObject { ["kind"] = target.Kind, ["name"] = target.Name };
        if (target.Namespace is not null)
        {
            arguments["namespace"] = target.Namespace;
        }

        var result = await registry.InvokeAsync(ToolCatalog.GetK8sResource.Name, arguments, Context(caller, cluster, lambda)).ConfigureAwait(false);
        return result.Outcome == ToolOutcome.Success && result.Content["object"] is JsonObject obj
            ? (obj, null)
            : (null, Error(result));
    }

    /// <summary><c>get_alarm</c> (DescribeAlarms): the alarm's state value (<c>OK</c>, <c>ALARM</c>, <c>INSUFFICIENT_DATA</c>), or the error.</summary>
    public static async Task<(string? State, string? Error)> GetAlarmStateAsync(ToolRegistry registry, ToolCaller caller, string? cluster, string alarmName, ILambdaContext lambda)
    {
        var arguments = new JsonObject { ["alarmName"] = alarmName, ["historyItems"] = 0 };
        var result = await registry.InvokeAsync(ToolCatalog.GetAlarm.Name, arguments, Context(caller, cluster, lambda)).ConfigureAwait(false);
        return result.Outcome == ToolOutcome.Success && Node.Str(result.Content, "state", "value") is { } state
            ? (state, null)
            : (null, Error(result));
    }

    /// <summary>The error of a failed call as <c>code: message</c>.</summary>
    public static string Error(ToolResult result) =>
        Node.Str(result.Content, "error", "message") is { } message ? $"{result.ErrorCode}: {message}"
        : Node.Str(result.Content, "policy", "reason") is { } reason ? $"{result.ErrorCode}: {reason}"
        : result.ErrorCode ?? result.Outcome.ToString();

    private static ToolInvocationContext Context(ToolCaller caller, string? cluster, ILambdaContext lambda) => new()
    {
        ClusterName = cluster,
        Caller = caller,
        Logger = lambda.Logger,
        Metrics = lambda.Metrics,
        CancellationToken = lambda.CancellationToken,
    };
}
