using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools.Faces.Tests;

/// <summary>Stands in for <c>create_incident</c> and keeps the arguments it was given, to check Bedrock's array coercion.</summary>
internal sealed class FakeIncidentTool : IWriteToolHandler
{
    public List<JsonObject> Recorded { get; } = [];

    public ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context) =>
        ValueTask.FromResult(new ToolChangePlan(
            new ProposedChange
            {
                Cluster = context.Cluster.Name,
                Target = "Incident/" + arguments.GetString("title"),
                Effect = RunbookEffect.NoAction,
                Patch = new JsonObject { ["title"] = arguments.GetString("title") },
                Summary = "record an incident",
            },
            []));

    public ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context)
    {
        lock (Recorded)
        {
            Recorded.Add(new JsonObject
            {
                ["findings"] = new JsonArray([.. arguments.GetStringArray("findings").Select(f => (JsonNode)f)]),
                ["links"] = new JsonArray([.. arguments.GetStringArray("links").Select(l => (JsonNode)l)]),
            });
        }

        return ValueTask.FromResult(new JsonObject { ["incidentId"] = "INC-1" });
    }
}
