using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions.Tests;

/// <summary>Requests a runbook cannot carry out fail with a code and a message the model can act on, and change nothing.</summary>
public class ExecuteRunbookErrorTests
{
    [Theory]
    [InlineData("restart-rollout", """{"kind":"Deployment","namespace":"shop","name":"nope"}""", null, "not_found", "Deployment shop/nope does not exist")]
    [InlineData("increase-memory-limit", """{"kind":"Deployment","namespace":"shop","name":"checkout","container":"sidecar"}""", null, "container_not_found", "has no container sidecar; its containers are app")]
    [InlineData("rollback-deployment", """{"kind":"Deployment","namespace":"shop","name":"cart"}""", null, "no_previous_revision", "is at revision 38 and has no earlier revision to roll back to")]
    [InlineData("scale-deployment", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", """{"replicas":500}""", "out_of_bounds", "must be between 1 and 6")]
    [InlineData("scale-deployment", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", """{"replicas":0}""", "out_of_bounds", "got 0")]
    [InlineData("increase-memory-limit", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", """{"memoryLimit":"256Mi"}""", "out_of_bounds", "above the current 512Mi and at most 1Gi")]
    [InlineData("increase-memory-limit", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", """{"memoryLimit":"4Gi"}""", "out_of_bounds", "got 4Gi")]
    [InlineData("increase-cpu-limit", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", """{"cpuLimit":"lots"}""", "invalid_parameters", "must be a Kubernetes quantity")]
    [InlineData("scale-deployment", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", """{"replica":4}""", "invalid_parameters", "does not take replica; it takes replicas")]
    [InlineData("scale-deployment", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", """{"replicas":3}""", "no_change", "already has 3 replicas")]
    [InlineData("scale-deployment", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", null, "invalid_parameters", "needs parameters.replicas")]
    [InlineData("delete-pod", """{"kind":"Deployment","namespace":"shop","name":"checkout"}""", null, "wrong_kind", "delete-pod acts on Pod, not on a Deployment")]
    [InlineData("restart-rollout", """{"kind":"Deployment","name":"checkout"}""", null, "invalid_target", "target.namespace is required")]
    [InlineData("increase-cpu-limit", """{"kind":"DaemonSet","namespace":"kube-system","name":"aws-node"}""", null, "container_required", "has the containers aws-node, aws-eks-nodeagent")]
    [InlineData("increase-cpu-limit", """{"kind":"DaemonSet","namespace":"kube-system","name":"aws-node","container":"aws-node"}""", null, "no_limit", "has no cpu limit")]
    public async Task A_request_the_runbook_cannot_carry_out_fails_clearly_and_changes_nothing(string runbook, string target, string? parameters, string code, string message)
    {
        await using var served = await ServedCluster.StartAsync("checkout-restarts-prod");

        var result = await served.RunbookAsync(runbook, JsonNode.Parse(target)!.AsObject(), parameters is null ? null : JsonNode.Parse(parameters)!.AsObject(), dryRun: false);

        Assert.Equal(ToolOutcome.Failed, result.Outcome);
        Assert.Equal(code, result.ErrorCode);
        Assert.Contains(message, (string?)result.Content["error"]!["message"], StringComparison.Ordinal);
        Assert.Empty(served.RealWrites);
    }

    [Fact]
    public async Task Raising_an_HPA_max_beyond_one_step_is_out_of_bounds()
    {
        await using var served = await ServedCluster.StartAsync("web-frontend-latency-staging");

        var result = await served.RunbookAsync("raise-hpa-max", new JsonObject { ["kind"] = "HorizontalPodAutoscaler", ["namespace"] = "web", ["name"] = "web-frontend" }, new JsonObject { ["maxReplicas"] = 100 });

        Assert.Equal("out_of_bounds", result.ErrorCode);
        Assert.Contains("above the current 6 and at most 12", (string?)result.Content["error"]!["message"], StringComparison.Ordinal);
        Assert.Empty(served.Writes);
    }
}
