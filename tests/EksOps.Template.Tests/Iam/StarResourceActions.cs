namespace EksOps.Template.Tests.Iam;

/// <summary>
/// The only actions any policy of the template may allow on <c>"Resource": "*"</c>. Everything else must name the
/// resources it acts on. Adding an action here needs a reason; <see cref="IamPolicyTests"/> checks each entry that
/// claims no resource types against the Service Authorization Reference (cfn-lint's copy).
/// </summary>
internal static class StarResourceActions
{
    /// <summary>The allow-list.</summary>
    public static readonly IReadOnlyList<StarResourceAction> All =
    [
        new("xray:PutTraceSegments", true, "X-Ray trace upload (active tracing) has no resource types."),
        new("xray:PutTelemetryRecords", true, "X-Ray telemetry upload has no resource types."),
        new("xray:GetSamplingRules", true, "X-Ray sampling rules are read account-wide; no resource types."),
        new("xray:GetSamplingTargets", true, "X-Ray sampling targets are requested account-wide; no resource types."),
        new("cloudwatch:GetMetricData", true, "GetMetricData has no resource types (metrics are not resources)."),
        new("cloudwatch:DescribeAlarms", false, "Has the alarm resource type, but composite alarms are returned only to a principal allowed it on * (CloudWatch permissions reference)."),
        new("cloudwatch:DescribeAlarmHistory", false, "Has the alarm resource type, but composite alarm history is returned only to a principal allowed it on * (CloudWatch permissions reference)."),
        new("logs:StopQuery", true, "StopQuery takes a query id and has no resource types."),
        new("states:SendTaskSuccess", true, "Task-token callbacks have no resource types; a token only works in its own account."),
        new("states:SendTaskFailure", true, "Task-token callbacks have no resource types; a token only works in its own account."),
        new("states:SendTaskHeartbeat", true, "Task-token callbacks have no resource types; a token only works in its own account."),
        new("ec2:DescribeNetworkInterfaces", true, "A VPC function's role needs it; Describe actions have no resource types."),
        new("ec2:DescribeSubnets", true, "A VPC function's role needs it; Describe actions have no resource types."),
        new("logs:CreateLogDelivery", true, "Vended-log delivery (Step Functions logging) has no resource types."),
        new("logs:GetLogDelivery", true, "Vended-log delivery (Step Functions logging) has no resource types."),
        new("logs:UpdateLogDelivery", true, "Vended-log delivery (Step Functions logging) has no resource types."),
        new("logs:DeleteLogDelivery", true, "Vended-log delivery (Step Functions logging) has no resource types."),
        new("logs:ListLogDeliveries", true, "Vended-log delivery (Step Functions logging) has no resource types."),
        new("logs:PutResourcePolicy", true, "The account's log resource policy (Step Functions logging) has no resource types."),
        new("logs:DescribeResourcePolicies", true, "The account's log resource policies (Step Functions logging) have no resource types."),
        new("logs:DescribeLogGroups", true, "Listing log groups (Step Functions logging setup) has no resource types."),
    ];

    /// <summary>Whether <paramref name="action"/> may be allowed on <c>*</c> (IAM action names are case-insensitive).</summary>
    public static bool Allows(string action) => All.Any(a => string.Equals(a.Action, action, StringComparison.OrdinalIgnoreCase));
}
