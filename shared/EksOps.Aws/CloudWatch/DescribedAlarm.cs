namespace EksOps.Aws.CloudWatch;

/// <summary>What <c>DescribeAlarms</c> returns for every alarm, metric or composite.</summary>
public abstract record DescribedAlarm
{
    // Deserialization sets every init member, absent ones to null: the accessors keep collections and names non-null.
    private string _alarmName = string.Empty;
    private IReadOnlyList<string> _oKActions = [];
    private IReadOnlyList<string> _alarmActions = [];
    private IReadOnlyList<string> _insufficientDataActions = [];

    /// <summary>The name.</summary>
    public string AlarmName { get => _alarmName; init => _alarmName = value ?? string.Empty; }

    /// <summary>The ARN.</summary>
    public string? AlarmArn { get; init; }

    /// <summary>The description.</summary>
    public string? AlarmDescription { get; init; }

    /// <summary>When the configuration last changed.</summary>
    public DateTimeOffset? AlarmConfigurationUpdatedTimestamp { get; init; }

    /// <summary>Whether actions run on state changes.</summary>
    public bool? ActionsEnabled { get; init; }

    /// <summary>ARNs run on the transition to <c>OK</c>.</summary>
    public IReadOnlyList<string> OKActions { get => _oKActions; init => _oKActions = value ?? []; }

    /// <summary>ARNs run on the transition to <c>ALARM</c>.</summary>
    public IReadOnlyList<string> AlarmActions { get => _alarmActions; init => _alarmActions = value ?? []; }

    /// <summary>ARNs run on the transition to <c>INSUFFICIENT_DATA</c>.</summary>
    public IReadOnlyList<string> InsufficientDataActions { get => _insufficientDataActions; init => _insufficientDataActions = value ?? []; }

    /// <summary><c>OK</c>, <c>ALARM</c> or <c>INSUFFICIENT_DATA</c>.</summary>
    public string? StateValue { get; init; }

    /// <summary>Why the alarm is in its state, in words.</summary>
    public string? StateReason { get; init; }

    /// <summary>Why the alarm is in its state, as a JSON document in a string.</summary>
    public string? StateReasonData { get; init; }

    /// <summary>When the state (or its reason) last changed.</summary>
    public DateTimeOffset? StateUpdatedTimestamp { get; init; }

    /// <summary>When the state value last changed.</summary>
    public DateTimeOffset? StateTransitionedTimestamp { get; init; }
}
