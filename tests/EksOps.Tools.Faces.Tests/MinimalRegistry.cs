using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools.Faces.Tests;

/// <summary>A registry with only <c>get_alarm</c>, answered by a stub, for tests that never reach a cluster.</summary>
internal static class MinimalRegistry
{
    public static ToolRegistry Create() =>
        new ToolRegistryBuilder(
                ClusterRegistry.Create([new ClusterInfo { Name = "dev-eks", Region = "us-east-1", AccountId = "123456789012", Environment = ClusterEnvironment.Development }]),
                new ToolPolicy(new ToolPolicyOptions()))
            .Add(ToolCatalog.GetAlarm)
            .Bind(ToolCatalog.GetAlarm.Name, (arguments, _) => ValueTask.FromResult(new JsonObject { ["alarmName"] = arguments.GetString("alarmName") }))
            .Build();
}
