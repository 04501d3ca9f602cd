namespace EksOps.AlarmIngest;

/// <summary>What an alarm transition means for incidents.</summary>
public enum IncidentDecision
{
    /// <summary>The alarm went into <c>ALARM</c>: investigate.</summary>
    Open,

    /// <summary>The alarm returned to <c>OK</c> from <c>ALARM</c>: an open incident for it can close.</summary>
    Close,

    /// <summary>Nothing to do: <c>INSUFFICIENT_DATA</c>, a transition that does not leave or enter <c>ALARM</c>, suppressed actions, or an alarm without the tags <c>EKSOPS_ALARM_TAGS</c> requires.</summary>
    Ignore,
}
