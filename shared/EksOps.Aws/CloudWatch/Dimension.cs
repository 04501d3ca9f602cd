namespace EksOps.Aws.CloudWatch;

/// <summary>A CloudWatch metric dimension, e.g. <c>ClusterName=prod</c>.</summary>
/// <param name="Name">The dimension name.</param>
/// <param name="Value">The dimension value.</param>
public sealed record Dimension(string Name, string Value);
