using EksOps.Testing.Scenarios;

namespace EksOps.StateMachine.Tests.Support;

/// <summary>The repository's <c>statemachine/incident.asl.json</c>, and inputs for it.</summary>
public static class IncidentDefinition
{
    /// <summary>The approval output the approver sends.</summary>
    public const string ApprovedOutput = """{"approved":true,"approver":"oncall"}""";

    /// <summary>The file.</summary>
    public static string Path => System.IO.Path.Combine(RepositoryPaths.Root, "statemachine", "incident.asl.json");

    /// <summary>The definition's text as committed.</summary>
    public static string Text => File.ReadAllText(Path);

    /// <summary>The base of the approve/deny links the approval request carries.</summary>
    public const string ApprovalUrl = "https://approval.example/";

    /// <summary>The substitutions, with the function names (or ARNs) given.</summary>
    public static Dictionary<string, string> Substitutions(string investigate = "Investigate", string remediate = "Remediate", string approval = "Approval", string report = "Report") => new()
    {
        ["InvestigateFunctionArn"] = investigate,
        ["RemediateFunctionArn"] = remediate,
        ["ApprovalFunctionArn"] = approval,
        ["ReportFunctionArn"] = report,
        ["ApprovalUrl"] = ApprovalUrl,
    };

    /// <summary>Substitutions with function ARNs in <paramref name="region"/>.</summary>
    public static Dictionary<string, string> ArnSubstitutions(string region) => Substitutions(
        $"arn:aws:lambda:{region}:123456789012:function:Investigate",
        $"arn:aws:lambda:{region}:123456789012:function:Remediate",
        $"arn:aws:lambda:{region}:123456789012:function:Approval",
        $"arn:aws:lambda:{region}:123456789012:function:Report");

    /// <summary>The input AlarmIngest gives the flow.</summary>
    public static string Input(int approvalTimeoutSeconds = 3600, int verifyWaitSeconds = 120) => JsonValuesForTests.Compact(new JsonObject
    {
        ["incidentId"] = "inc-1",
        ["alarm"] = new JsonObject { ["alarmName"] = "checkout-restarts", ["state"] = new JsonObject { ["value"] = "ALARM" } },
        ["settings"] = new JsonObject { ["approvalTimeoutSeconds"] = approvalTimeoutSeconds, ["verifyWaitSeconds"] = verifyWaitSeconds },
    });
}
