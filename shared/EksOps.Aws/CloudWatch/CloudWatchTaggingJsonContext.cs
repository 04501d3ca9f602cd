using System.Text.Json.Serialization;

namespace EksOps.Aws.CloudWatch;

/// <summary>
/// The source-generated JSON of CloudWatch's tagging operations (<c>ListTagsForResource</c>), with the options of
/// <c>Serialization.AwsJsonContext</c> (model member names, nulls not sent, unknown members ignored). A context of its
/// own, as Bedrock Agent Runtime has, keeps the tagging shapes in this folder; they carry no timestamps, so the
/// epoch-seconds converter is not needed.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListTagsForResourceInput))]
[JsonSerializable(typeof(ListTagsForResourceOutput))]
internal sealed partial class CloudWatchTaggingJsonContext : JsonSerializerContext;
