namespace EksOps.Incidents;

/// <summary>What running a runbook does to the cluster; the <see cref="DefaultPolicy"/> decides approval from it.</summary>
public enum RunbookEffect
{
    /// <summary>Changes nothing: pages a human (<see cref="RunbookId.Escalate"/>). Never needs approval.</summary>
    NoAction,

    /// <summary>Only reads the cluster. Reads never need approval; no runbook in the current catalogue is read-only.</summary>
    ReadOnly,

    /// <summary>Changes the cluster (a write). Whether it needs approval depends on the environment.</summary>
    Write,
}
