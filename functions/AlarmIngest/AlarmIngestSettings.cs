using System.Globalization;

namespace EksOps.AlarmIngest;

/// <summary>
/// What AlarmIngest needs to know besides the event: which state machine, how long a storm folds, the settings it hands
/// the workflow, and which alarms it acts on.
/// </summary>
public sealed record AlarmIngestSettings
{
    /// <summary>The state machine ARN.</summary>
    public const string StateMachineArnVariable = "EKSOPS_STATE_MACHINE_ARN";

    /// <summary>The correlation window in seconds.</summary>
    public const string CorrelationWindowVariable = "EKSOPS_CORRELATION_WINDOW_SECONDS";

    /// <summary>How long the workflow waits for an approval, in seconds.</summary>
    public const string ApprovalTimeoutVariable = "EKSOPS_APPROVAL_TIMEOUT_SECONDS";

    /// <summary>How long the workflow waits after a change before verifying it, in seconds.</summary>
    public const string VerifyWaitVariable = "EKSOPS_VERIFY_WAIT_SECONDS";

    /// <summary>The EventBridge bus incident events go to.</summary>
    public const string EventBusVariable = "EKSOPS_EVENT_BUS_NAME";

    /// <summary>The tags an alarm must carry to be acted on (<see cref="AlarmTagFilter"/> syntax); unset or empty: every alarm.</summary>
    public const string AlarmTagsVariable = "EKSOPS_ALARM_TAGS";

    /// <summary>How long an alarm's tags are remembered in a warm container, in seconds.</summary>
    public const string AlarmTagsCacheVariable = "EKSOPS_ALARM_TAGS_CACHE_SECONDS";

    /// <summary>The state machine every incident runs on.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>How long after an incident opens further alarms on the same workload join it. Default 15 minutes.</summary>
    public TimeSpan CorrelationWindow { get; init; } = TimeSpan.FromSeconds(900);

    /// <summary>The workflow's approval timeout (<c>settings.approvalTimeoutSeconds</c>). Default 3600.</summary>
    public int ApprovalTimeoutSeconds { get; init; } = 3600;

    /// <summary>The workflow's wait before verification (<c>settings.verifyWaitSeconds</c>). Default 120.</summary>
    public int VerifyWaitSeconds { get; init; } = 120;

    /// <summary>The bus incident events go to (<see cref="AlarmIngestHost"/> builds the EventBridge sink with it). Default <c>default</c>.</summary>
    public string EventBusName { get; init; } = "default";

    /// <summary>
    /// The tags an alarm must carry for AlarmIngest to open or resolve an incident for it; <see langword="null"/> (the
    /// default) acts on every alarm. When set, the handler needs an <see cref="IAlarmTagSource"/>.
    /// </summary>
    public AlarmTagFilter? RequiredAlarmTags { get; init; }

    /// <summary>How long an alarm's tags are remembered in a warm container (<see cref="CachedAlarmTagSource"/>). Default 300 seconds.</summary>
    public TimeSpan AlarmTagsCacheDuration { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// How old a claim to publish an event may get before another delivery takes it over (its holder most likely died
    /// between claiming and publishing). Longer than the function's timeout. Default 60 seconds.
    /// </summary>
    public TimeSpan StalePublishClaimAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads the settings from the environment.</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A variable is missing or invalid; the message names it.</exception>
    public static AlarmIngestSettings FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var stateMachineArn = Value(getVariable, StateMachineArnVariable)
            ?? throw new InvalidOperationException($"{StateMachineArnVariable} is not set: it names the incident state machine AlarmIngest starts.");
        if (!stateMachineArn.StartsWith("arn:", StringComparison.Ordinal) || !stateMachineArn.Contains(":states:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{StateMachineArnVariable} is '{stateMachineArn}'; it must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>).");
        }

        return new AlarmIngestSettings
        {
            StateMachineArn = stateMachineArn,
            CorrelationWindow = TimeSpan.FromSeconds(Seconds(getVariable, CorrelationWindowVariable, 900, 0, 86_400)),
            ApprovalTimeoutSeconds = Seconds(getVariable, ApprovalTimeoutVariable, 3600, 1, 31_536_000),
            VerifyWaitSeconds = Seconds(getVariable, VerifyWaitVariable, 120, 0, 31_536_000),
            EventBusName = Value(getVariable, EventBusVariable) ?? "default",
            RequiredAlarmTags = AlarmTags(getVariable),
            AlarmTagsCacheDuration = TimeSpan.FromSeconds(Seconds(getVariable, AlarmTagsCacheVariable, 300, 0, 86_400)),
        };
    }

    private static AlarmTagFilter? AlarmTags(Func<string, string?> getVariable)
    {
        // Unset, empty or only blanks: no filter (a template parameter left empty arrives as an empty string).
        var text = Value(getVariable, AlarmTagsVariable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return AlarmTagFilter.Parse(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException(
                $"{AlarmTagsVariable} is '{text}': {e.Message} Write comma-separated key=value (that value) or key (any value) items, " +
                "for example eksops:managed=true,team=payments; leave it unset to act on every alarm.", e);
        }
    }

    private static int Seconds(Func<string, string?> getVariable, string name, int fallback, int min, int max)
    {
        var text = Value(getVariable, name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= min && seconds <= max
            ? seconds
            : throw new InvalidOperationException($"{name} is '{text}'; it must be a whole number of seconds from {min} to {max}.");
    }

    private static string? Value(Func<string, string?> getVariable, string name) =>
        getVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
