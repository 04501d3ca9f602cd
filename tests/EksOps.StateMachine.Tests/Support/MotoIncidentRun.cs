using System.Text;
using System.Text.Json;
using EksOps.Aws.Protocol;
using EksOps.Aws.StepFunctions;

namespace EksOps.StateMachine.Tests.Support;

/// <summary>
/// <c>incident.asl.json</c> on moto's Step Functions interpreter (a port of LocalStack's), with the same
/// <see cref="IncidentScript"/> the local executor gets: the definition is created with function ARNs in a region of
/// its own (moto runs one execution per account and region), the approver answers the token the approval request
/// carried, and the history is read back with <c>GetExecutionHistory</c>.
/// </summary>
public static class MotoIncidentRun
{
    private static readonly AwsJsonService States = new("states", "states", "AWSStepFunctions", AwsJsonVersion.Json10);

    /// <summary>Runs one execution to its end on moto.</summary>
    /// <returns>The final description and the names of the states entered, in order.</returns>
    public static async Task<(ExecutionDescription Result, IReadOnlyList<string> Entered)> RunAsync(
        LambdaMotoServer moto, string region, IncidentScript script, string input)
    {
        var ct = TestContext.Current.CancellationToken;
        using (var http = new HttpClient())
        using (var config = new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync(new Uri(moto.Endpoint, "/moto-api/config"), config, ct)).EnsureSuccessStatusCode();
        }

        moto.Script(region, script);
        using var pipeline = moto.Pipeline(region: region);
        var json = new AwsJsonClient(pipeline, States);
        var definition = StateMachineDefinition.Load(IncidentDefinition.Path, IncidentDefinition.ArnSubstitutions(region)).Json;
        var create = JsonSerializer.SerializeToUtf8Bytes(
            new JsonObject { ["name"] = "incident", ["definition"] = definition, ["roleArn"] = "arn:aws:iam::123456789012:role/eksops-sfn" });
        var created = JsonNode.Parse(Encoding.UTF8.GetString((await json.InvokeRawAsync("CreateStateMachine", create, ct)).Span))!;
        var client = new StepFunctionsClient(pipeline);
        var started = await client.StartExecutionAsync(
            new StartExecutionRequest { StateMachineArn = created["stateMachineArn"]!.GetValue<string>(), Name = "inc-1", Input = input }, ct);

        var answered = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        ExecutionDescription execution;
        while (true)
        {
            execution = await client.DescribeExecutionAsync(started.ExecutionArn, ct);
            if (execution.IsClosed)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"moto's execution did not end; it has invoked: {string.Join(", ", script.Invocations.Select(i => i.Payload["step"]))}");
            }

            if (!answered && script.ApprovalToken is { } token)
            {
                answered = true;
                switch (script.Approval)
                {
                    case ApprovalAnswer.Approve:
                        await client.SendTaskSuccessAsync(token, IncidentDefinition.ApprovedOutput, ct);
                        break;
                    case ApprovalAnswer.Deny:
                        await client.SendTaskFailureAsync(token, "ApprovalDenied", LocalIncidentRun.DenialCause, ct);
                        break;
                    default:
                        break;
                }
            }

            await Task.Delay(50, ct);
        }

        var history = JsonNode.Parse(Encoding.UTF8.GetString((await json.InvokeRawAsync(
            "GetExecutionHistory", JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["executionArn"] = started.ExecutionArn }), ct)).Span))!;
        var entered = history["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>().EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => e!["stateEnteredEventDetails"]!["name"]!.GetValue<string>())
            .ToList();
        return (execution, entered);
    }
}
