namespace EksOps.Aws.CloudWatch;

/// <summary>The kinds of alarm history item.</summary>
public enum AlarmHistoryItemType
{
    /// <summary>The alarm was created or changed.</summary>
    ConfigurationUpdate,

    /// <summary>The alarm changed state.</summary>
    StateUpdate,

    /// <summary>An action ran.</summary>
    Action,

    /// <summary>A contributor of a Metrics Insights alarm changed state.</summary>
    AlarmContributorStateUpdate,

    /// <summary>An action ran for a contributor of a Metrics Insights alarm.</summary>
    AlarmContributorAction,
}
