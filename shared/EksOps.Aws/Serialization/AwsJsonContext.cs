using System.Text.Json.Serialization;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Logs;

namespace EksOps.Aws.Serialization;

/// <summary>
/// The one source-generated JSON context of this assembly: every request and response shape the clients here send
/// or read. Timestamps (<see cref="DateTimeOffset"/>) are epoch seconds, the AWS JSON protocols' format,
/// unless a member says otherwise (Logs' epoch milliseconds). Nulls are not sent; unknown members are ignored.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(GetMetricDataInput))]
[JsonSerializable(typeof(GetMetricDataOutput))]
[JsonSerializable(typeof(DescribeAlarmsInput))]
[JsonSerializable(typeof(DescribeAlarmsOutput))]
[JsonSerializable(typeof(DescribeAlarmHistoryInput))]
[JsonSerializable(typeof(DescribeAlarmHistoryOutput))]
[JsonSerializable(typeof(StartQueryInput))]
[JsonSerializable(typeof(StartQueryOutput))]
[JsonSerializable(typeof(QueryIdInput))]
[JsonSerializable(typeof(GetQueryResultsOutput))]
[JsonSerializable(typeof(StopQueryOutput))]
[JsonSerializable(typeof(FilterLogEventsInput))]
[JsonSerializable(typeof(FilterLogEventsOutput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.StartExecutionInput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.StartExecutionOutput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.DescribeExecutionInput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.DescribeExecutionOutput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.SendTaskSuccessInput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.SendTaskFailureInput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.SendTaskHeartbeatInput))]
[JsonSerializable(typeof(EksOps.Aws.StepFunctions.StepFunctionsEmptyOutput))]
[JsonSerializable(typeof(EksOps.Aws.EventBridge.PutEventsInput))]
[JsonSerializable(typeof(EksOps.Aws.EventBridge.PutEventsOutput))]
[JsonSerializable(typeof(EksOps.Aws.Eks.DescribeClusterOutput))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
