namespace EksOps.Template.Tests.EnvironmentVariables;

/// <summary>
/// Variables a function's composition root needs, and how a function is recognized as using it: a call its own
/// sources make (functions/&lt;Name&gt;/*.cs). <see cref="Evidence"/> ties the rule to the code that documents it, so
/// a test fails when the code stops saying so.
/// </summary>
/// <param name="What">What the variables configure.</param>
/// <param name="Triggers">Text in the function's sources that means it composes this part.</param>
/// <param name="AnyOf">The variables, one of which must be set.</param>
/// <param name="Enforced">True: a function without one fails; false: it is only reported (required in some modes only, or set at deploy time).</param>
/// <param name="Evidence">Files (relative to the root) and the text each must contain.</param>
internal sealed record HostRequirement(string What, string[] Triggers, string[] AnyOf, bool Enforced, (string File, string Text)[] Evidence)
{
    /// <summary>What the hosts document as required.</summary>
    public static readonly IReadOnlyList<HostRequirement> All =
    [
        new(
            "the incident store's DynamoDB table",
            ["IncidentStoreFactory.FromEnvironment", "IncidentFlowHost."],
            ["EKSOPS_INCIDENT_TABLE"],
            Enforced: true,
            [
                ("shared/EksOps.IncidentStore/IncidentStoreFactory.cs", "<c>EKSOPS_INCIDENT_TABLE</c></term><description>the DynamoDB table (required"),
                ("shared/EksOps.IncidentFlow/Hosting/IncidentFlowHost.cs", "IncidentStoreFactory.FromEnvironment"),
            ]),
        new(
            "the incident state machine AlarmIngest starts",
            ["AlarmIngestSettings.FromEnvironment"],
            ["EKSOPS_STATE_MACHINE_ARN"],
            Enforced: true,
            [("functions/AlarmIngest/AlarmIngestHost.cs", "<c>EKSOPS_STATE_MACHINE_ARN</c></term><description>the incident state machine (required)")]),
        new(
            "the cluster registry",
            ["ToolHost.", "IncidentFlowFunction.Investigate", "IncidentFlowFunction.Remediate"],
            ["EKSOPS_CLUSTERS", "EKSOPS_CLUSTERS_FILE"],
            Enforced: false,
            [("shared/EksOps.Tools/Clusters/ClusterRegistry.cs", "exactly one must be set")]),
        new(
            "the approval-token key",
            ["ApprovalOptions.FromEnvironment"],
            ["EKSOPS_APPROVAL_SECRET"],
            Enforced: false,
            [("shared/EksOps.Approval/ApprovalOptions.cs", "EKSOPS_APPROVAL_SECRET is required")]),
        new(
            "the approval-link key (link mode)",
            ["ApprovalOptions.FromEnvironment"],
            ["EKSOPS_APPROVAL_LINK_SECRET"],
            Enforced: false,
            [("shared/EksOps.Approval/ApprovalOptions.cs", "Link approvals need EKSOPS_APPROVAL_LINK_SECRET")]),
    ];
}
