using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.Mcp.Tests.Jwt;

/// <summary>
/// Every catalog tool bound to a stub body: reads return a fixed object, writes fail at planning. Auth is decided
/// before a body runs, so the bodies only have to show a call got through.
/// </summary>
internal static class StubRegistry
{
    public static ToolRegistry Create()
    {
        var cluster = new ClusterInfo { Name = "stub-eks", Region = "eu-west-1", AccountId = "123456789012", Environment = ClusterEnvironment.Staging };
        var builder = new ToolRegistryBuilder(ClusterRegistry.Create([cluster], cluster.Name), new ToolPolicy(new ToolPolicyOptions())).Add(ToolCatalog.All);
        foreach (var definition in ToolCatalog.All)
        {
            if (definition.IsWrite)
            {
                builder.Bind(definition.Name, new PlanningFails());
            }
            else
            {
                builder.Bind(definition.Name, (_, _) => ValueTask.FromResult(new JsonObject { ["stub"] = true }));
            }
        }

        return builder.Build();
    }

    private sealed class PlanningFails : IWriteToolHandler
    {
        public ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context) =>
            throw new ToolException("stub", "this stub plans nothing");

        public ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context) =>
            throw new InvalidOperationException("never planned, never applied");
    }
}
