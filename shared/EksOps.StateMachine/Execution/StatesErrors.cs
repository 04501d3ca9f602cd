namespace EksOps.StateMachine.Execution;

/// <summary>
/// The error names the Amazon States Language predefines (ASL Appendix A), and how <c>ErrorEquals</c> matches them.
/// </summary>
internal static class StatesErrors
{
    /// <summary>Wildcard: matches every error except the terminal ones.</summary>
    public const string All = "States.ALL";

    /// <summary>Wildcard: matches every error except <see cref="Timeout"/> (and <see cref="HeartbeatTimeout"/>, a kind of timeout).</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>A task ran longer than <c>TimeoutSeconds</c> (or missed a heartbeat: <c>ErrorEquals: ["States.Timeout"]</c> matches both).</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A <c>.waitForTaskToken</c> task got no heartbeat for <c>HeartbeatSeconds</c>.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>A <c>.$</c> field of a payload template referenced a path that is not in the input.</summary>
    public const string ParameterPathFailure = "States.ParameterPathFailure";

    /// <summary><c>ResultPath</c> could not be applied to the state's input.</summary>
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";

    /// <summary>An intrinsic function failed (bad argument types or values).</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>A Choice state without <c>Default</c> matched no rule.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>A state's input or output, a task result or the execution input is over 256 KiB. Terminal.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>An error in processing the data of a state (an <c>InputPath</c> that does not match, …). Terminal.</summary>
    public const string Runtime = "States.Runtime";

    /// <summary>Every <c>States.</c> name Step Functions defines; a <c>States.</c> name outside this list in <c>ErrorEquals</c> is a definition error.</summary>
    public static readonly IReadOnlySet<string> Predefined = new HashSet<string>(StringComparer.Ordinal)
    {
        All,
        TaskFailed,
        Timeout,
        HeartbeatTimeout,
        ParameterPathFailure,
        ResultPathMatchFailure,
        IntrinsicFailure,
        NoChoiceMatched,
        DataLimitExceeded,
        Runtime,
        "States.Permissions",
        "States.BranchFailed",
        "States.QueryEvaluationError",
        "States.ExceedToleratedFailureThreshold",
        "States.ItemReaderFailed",
        "States.ResultWriterFailed",
        "States.Http.Socket",
    };

    /// <summary>Whether an error ends the execution whatever the state's <c>Retry</c> and <c>Catch</c> say.</summary>
    public static bool IsTerminal(string error) => error is Runtime or DataLimitExceeded;

    /// <summary>Whether <paramref name="error"/> is matched by one of <paramref name="errorEquals"/>.</summary>
    public static bool Matches(IReadOnlyList<string> errorEquals, string error)
    {
        foreach (var name in errorEquals)
        {
            var matched = name switch
            {
                All => !IsTerminal(error),
                TaskFailed => error is not (Timeout or HeartbeatTimeout) && !IsTerminal(error),
                Timeout => error is Timeout or HeartbeatTimeout,
                _ => string.Equals(name, error, StringComparison.Ordinal),
            };
            if (matched)
            {
                return true;
            }
        }

        return false;
    }
}
