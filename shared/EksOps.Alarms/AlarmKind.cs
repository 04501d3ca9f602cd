namespace EksOps.Alarms;

/// <summary>
/// What an alarm evaluates, derived from its <see cref="AlarmConfiguration"/>.
/// </summary>
public enum AlarmKind
{
    /// <summary>A single metric (one <c>metricStat</c>, no expressions).</summary>
    Metric,

    /// <summary>A metric math (or Metrics Insights) expression over one or more metrics.</summary>
    MetricMath,

    /// <summary>An anomaly detection alarm: one of the expressions uses <c>ANOMALY_DETECTION_BAND(…)</c>.</summary>
    AnomalyDetection,

    /// <summary>A composite alarm: it has an <c>alarmRule</c> over other alarms and no metrics.</summary>
    Composite,
}
