namespace EksOps.Aws.CloudWatch;

/// <summary>A tag on a CloudWatch resource (an alarm, a dashboard, a metric stream, a Contributor Insights rule).</summary>
/// <param name="Key">The tag key, 1 to 128 characters; keys are case-sensitive.</param>
/// <param name="Value">The tag value, 0 to 256 characters (empty when the tag has no value).</param>
public sealed record ResourceTag(string Key, string Value);
