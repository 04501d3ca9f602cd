namespace EksOps.IncidentFlow;

/// <summary>
/// A change was not applied (or not rolled back) and nothing was written: no approval where the plan needs one, the
/// policy refused the exact change, the target changed since the plan (uid or generation), or the API server refused it.
/// </summary>
/// <remarks>Not retried; the state machine escalates. <see cref="Code"/> is the stable reason (<c>approval_missing</c>, <c>policy_denied</c>, <c>conflict</c>, …).</remarks>
public sealed class RemediationRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemediationRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why nothing was applied.</param>
    public RemediationRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Why nothing was applied.</param>
    /// <param name="innerException">The cause.</param>
    public RemediationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a stable code and a message.</summary>
    /// <param name="code">The reason as a snake_case code, for example <c>approval_missing</c>.</param>
    /// <param name="message">Why nothing was applied.</param>
    public RemediationRefusedException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The reason as a snake_case code (<c>approval_missing</c>, <c>policy_denied</c>, <c>conflict</c>, the tool's error code…); <see langword="null"/> when not given.</summary>
    public string? Code { get; }
}
