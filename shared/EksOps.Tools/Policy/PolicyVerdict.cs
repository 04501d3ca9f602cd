namespace EksOps.Tools;

/// <summary>What the policy decided about a call or a change.</summary>
public enum PolicyVerdict
{
    /// <summary>It may run.</summary>
    Allow,

    /// <summary>It may not run.</summary>
    Deny,

    /// <summary>It may run only with an approval token bound to this exact change.</summary>
    NeedsApproval,
}
