namespace EksOps.StateMachine.Execution;

/// <summary>
/// An error raised while a state runs, by name and cause, as Step Functions reports it: what <c>Retry</c> and
/// <c>Catch</c> match on, and what a failed execution ends with.
/// </summary>
internal sealed class StatesErrorException : Exception
{
    /// <summary>Raises an error.</summary>
    /// <param name="error">The error name (<c>States.Timeout</c>, a Lambda <c>errorType</c>, …).</param>
    /// <param name="cause">The cause; may be null.</param>
    public StatesErrorException(string error, string? cause)
        : base(cause is null ? error : error + ": " + cause)
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name.</summary>
    public string Error { get; }

    /// <summary>The cause, or null.</summary>
    public string? Cause { get; }

    /// <summary>Whether the error ends the execution whatever the state's <c>Retry</c> and <c>Catch</c> say.</summary>
    public bool IsTerminal => StatesErrors.IsTerminal(Error);
}
