namespace EksOps.IncidentFlow;

/// <summary>The <c>outcome</c> of the <c>verify</c> step, which the state machine's <c>VerifyOutcome</c> choice branches on.</summary>
public static class VerificationOutcomes
{
    /// <summary>The alarm is back to OK, or the root cause's findings are gone.</summary>
    public const string Recovered = "recovered";

    /// <summary>The change is in place but the alarm is not OK yet: the incident stays open (Monitoring) until AlarmIngest sees OK.</summary>
    public const string Pending = "pending";

    /// <summary>The change did not take or made things worse: roll back where possible and escalate.</summary>
    public const string Failed = "failed";
}
