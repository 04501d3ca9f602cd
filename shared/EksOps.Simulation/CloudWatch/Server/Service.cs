namespace EksOps.Simulation.CloudWatch;

/// <summary>The service a request is for, from its <c>X-Amz-Target</c> prefix.</summary>
internal enum Service
{
    /// <summary>Neither (no or an unknown target).</summary>
    Unknown,

    /// <summary>CloudWatch, <c>GraniteServiceVersion20100801</c>, AWS JSON 1.0, query-compatible; signing name <c>monitoring</c>.</summary>
    CloudWatch,

    /// <summary>CloudWatch Logs, <c>Logs_20140328</c>, AWS JSON 1.1; signing name <c>logs</c>.</summary>
    Logs,
}
