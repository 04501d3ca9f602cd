using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools.Faces.Tests;

/// <summary>
/// Stands in for the real <c>execute_runbook</c> body (written elsewhere): plans a fixed memory-limit patch on the
/// named target and counts what it applies, so tests see exactly when the registry let a change through.
/// </summary>
internal sealed class FakeRunbookTool : IWriteToolHandler
{
    private int _applied;
    private int _planned;

    public int Applied => _applied;

    public int Planned => _planned;

    /// <summary>The change this fake plans for a target, so a test can issue an approval token bound to it.</summary>
    public static ProposedChange ChangeFor(string cluster, string ns, string name) => new()
    {
        Cluster = cluster,
        Namespace = ns,
        Target = $"Deployment/{name}",
        Runbook = RunbookId.IncreaseMemoryLimit,
        Effect = RunbookEffect.Write,
        Patch = new JsonObject
        {
            ["strategicMergePatch"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["template"] = new JsonObject
                    {
                        ["spec"] = new JsonObject
                        {
                            ["containers"] = new JsonArray(new JsonObject
                            {
                                ["name"] = "app",
                                ["resources"] = new JsonObject { ["limits"] = new JsonObject { ["memory"] = "1Gi" } },
                            }),
                        },
                    },
                },
            },
        },
        Summary = $"Deployment/{name}: memory limit of app 512Mi -> 1Gi",
    };

    public ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context)
    {
        Interlocked.Increment(ref _planned);
        var target = arguments.GetObject("target")!;
        var change = ChangeFor(context.Cluster.Name, (string)target["namespace"]!, (string)target["name"]!);
        return ValueTask.FromResult(new ToolChangePlan(change, new JsonObject { ["memoryLimit"] = "1Gi" }));
    }

    public ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context)
    {
        Interlocked.Increment(ref _applied);
        return ValueTask.FromResult(new JsonObject { ["generation"] = 7 });
    }
}
