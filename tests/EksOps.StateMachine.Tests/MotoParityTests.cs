using EksOps.Aws.StepFunctions;

namespace EksOps.StateMachine.Tests;

/// <summary>
/// The independent-interpreter check: moto 5.2.1's Step Functions interpreter (a port of LocalStack's, tested
/// against AWS) and the local executor run <c>statemachine/incident.asl.json</c> with the same scripted task results
/// and must enter the same states in the same order, send every Lambda the same payload (task tokens aside), and end
/// with the same status and output. Skips without <c>moto_server</c> (fails under <c>CI=true</c>).
/// </summary>
[Collection(MotoGroup.Name)]
public sealed class MotoParityTests(LambdaMotoServer moto)
{
    public static TheoryData<string, string> Cases => new()
    {
        { "auto", "us-west-1" },
        { "approve", "us-west-2" },
        { "deny", "eu-west-1" },
        { "approval-timeout", "eu-west-2" },
        { "decision-escalate", "eu-central-1" },
        { "verify-failed", "ap-southeast-1" },
        { "function-error", "ap-southeast-2" },
        { "throttled-then-ok", "ap-northeast-1" },
    };

    private static IncidentScript Script(string name) => name switch
    {
        "auto" => new IncidentScript("auto", "recovered"),
        "approve" => new IncidentScript("approve", "pending") { Approval = ApprovalAnswer.Approve },
        "deny" => new IncidentScript("approve") { Approval = ApprovalAnswer.Deny },
        "approval-timeout" => new IncidentScript("approve") { Approval = ApprovalAnswer.None },
        "decision-escalate" => new IncidentScript("escalate"),
        "verify-failed" => new IncidentScript("auto", "failed"),
        "function-error" => new IncidentScript("auto").Then("plan", TaskOutcome.FunctionError("InvalidOperationException", "the patch does not apply")),
        "throttled-then-ok" => new IncidentScript("auto").Then("diagnose", TaskOutcome.Throttled()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    /// <summary>A payload without its task token, which each interpreter makes up itself.</summary>
    private static string Comparable(JsonObject payload)
    {
        var copy = payload.DeepClone().AsObject();
        copy.Remove("taskToken");
        return copy.ToJsonString();
    }

    private static void DropErrorCause(JsonObject? document) => document?["error"]?.AsObject().Remove("Cause");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Moto_and_the_local_executor_take_the_same_path(string name, string region)
    {
        moto.RequireAvailable();
        // Short waits: moto sleeps for real (approval timeout, Wait state, retry backoff).
        var input = IncidentDefinition.Input(approvalTimeoutSeconds: 2, verifyWaitSeconds: 0);

        var motoScript = Script(name);
        var (motoResult, motoEntered) = await MotoIncidentRun.RunAsync(moto, region, motoScript, input);
        var localScript = Script(name);
        await using var local = new LocalIncidentRun(localScript);
        var (localResult, localExecution) = await local.RunAsync(input);

        Assert.Equal(motoEntered, localExecution.EnteredStates);
        var motoOutput = JsonNode.Parse(motoResult.Output!)!.AsObject();
        var localOutput = JsonNode.Parse(localResult.Output!)!.AsObject();
        var motoPayloads = motoScript.Invocations.Select(i => i.Payload.DeepClone().AsObject()).ToList();
        var localPayloads = localScript.Invocations.Select(i => i.Payload.DeepClone().AsObject()).ToList();
        if (name == "deny")
        {
            // moto 5.2.1 drops the cause of SendTaskFailure (stepfunctions/responses.py passes only `error` on), so its
            // error output has "Cause": null. That is the one difference allowed, and checked to be exactly that.
            Assert.Null(motoOutput["error"]!["Cause"]);
            Assert.Equal(LocalIncidentRun.DenialCause, localOutput["error"]!["Cause"]!.GetValue<string>());
            DropErrorCause(motoOutput);
            DropErrorCause(localOutput);
            foreach (var payload in motoPayloads.Concat(localPayloads))
            {
                DropErrorCause(payload["state"]?.AsObject());
            }
        }

        Assert.Equal(motoPayloads.Select(Comparable), localPayloads.Select(Comparable));
        Assert.Equal(motoResult.StatusText, localResult.StatusText);
        JsonValuesForTests.Equal(motoOutput.ToJsonString(), localOutput.ToJsonString());
        Assert.Equal(ExecutionStatus.Succeeded, motoResult.Status);
    }
}
