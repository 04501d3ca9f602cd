namespace EksOps.Tools.Faces;

/// <summary>
/// The Bedrock agent session attributes the action-group face reads. The application that calls InvokeAgent sets them
/// in <c>sessionState.sessionAttributes</c>; the model never sees or sets them, so they are where the cluster and a
/// human's approval travel.
/// </summary>
public static class BedrockSessionAttributes
{
    /// <summary>The cluster the session's tools run against; absent means the registry's default cluster.</summary>
    public const string Cluster = "eksops.cluster";

    /// <summary>An approval token (<c>eksops-approval-v1.…</c>) for a write, issued after a human saw the exact change.</summary>
    public const string ApprovalToken = "eksops.approval";
}
