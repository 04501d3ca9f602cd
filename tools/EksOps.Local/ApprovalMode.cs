namespace EksOps.Local;

/// <summary>How a local replay answers the flow's approval requests.</summary>
public enum ApprovalMode
{
    /// <summary>Approve every request (clicking the approve link of the <c>Approval Requested</c> event).</summary>
    Auto,

    /// <summary>Deny every request (clicking the deny link).</summary>
    Deny,

    /// <summary>Ask a human (<see cref="LocalFlowOptions.AskApprover"/>), then click the chosen link.</summary>
    Ask,

    /// <summary>Never answer, so the request times out and the incident escalates.</summary>
    Ignore,
}
