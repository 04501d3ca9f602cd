namespace EksOps.Alarms;

/// <summary>
/// Thrown by <see cref="AlarmEventParser"/> when a payload is not a well-formed CloudWatch alarm state-change event.
/// The message starts with the JSON path that was wrong and says what was expected, for example
/// <c>$.detail.state.value: expected one of OK, ALARM, INSUFFICIENT_DATA but found "FOO"</c>.
/// </summary>
/// <remarks>
/// The type name is part of the contract: a Lambda function that lets this exception escape reports it as the
/// error type, which Step Functions matches by name (<c>"ErrorEquals": ["InvalidAlarmEventException"]</c>).
/// Do not rename it.
/// </remarks>
public sealed class InvalidAlarmEventException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public InvalidAlarmEventException()
        : base("The payload is not a valid CloudWatch alarm state-change event.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What was wrong, ideally starting with the JSON path.</param>
    public InvalidAlarmEventException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What was wrong, ideally starting with the JSON path.</param>
    /// <param name="innerException">The underlying error, e.g. a <see cref="System.Text.Json.JsonException"/>.</param>
    public InvalidAlarmEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private InvalidAlarmEventException(string jsonPath, string problem, Exception? innerException)
        : base(jsonPath + ": " + problem, innerException)
    {
        JsonPath = jsonPath;
    }

    /// <summary>
    /// The JSON path of the offending value (<c>$</c> for the whole payload, e.g. <c>$.detail.state.value</c>),
    /// or <see langword="null"/> if the exception was created without one.
    /// </summary>
    public string? JsonPath { get; }

    internal static InvalidAlarmEventException At(string jsonPath, string problem, Exception? innerException = null) =>
        new(jsonPath, problem, innerException);
}
