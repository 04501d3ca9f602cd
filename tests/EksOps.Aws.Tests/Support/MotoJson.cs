using System.Text;
using System.Text.Json;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;

namespace EksOps.Aws.Tests.Support;

/// <summary>
/// Raw, signed AWS JSON calls for setting up moto state (queues, rules, state machines) through the same pipeline and
/// signature verification as the clients under test.
/// </summary>
internal static class MotoJson
{
    public static readonly AwsJsonService Sqs = new("sqs", "sqs", "AmazonSQS", AwsJsonVersion.Json10);

    public static async Task<JsonElement> CallAsync(AwsHttpPipeline pipeline, AwsJsonService service, string operation, string json)
    {
        var body = await new AwsJsonClient(pipeline, service).InvokeRawAsync(operation, Encoding.UTF8.GetBytes(json), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(body.IsEmpty ? "{}"u8.ToArray() : body).RootElement.Clone();
    }

    /// <summary>Creates a queue and returns its URL and ARN.</summary>
    public static async Task<(string Url, string Arn)> CreateQueueAsync(AwsHttpPipeline pipeline, string name)
    {
        var url = (await CallAsync(pipeline, Sqs, "CreateQueue", JsonSerializer.Serialize(new Dictionary<string, string> { ["QueueName"] = name }, StringMaps.Default.DictionaryStringString)))
            .GetProperty("QueueUrl").GetString()!;
        var attributes = await CallAsync(pipeline, Sqs, "GetQueueAttributes", $$"""{"QueueUrl":{{JsonSerializer.Serialize(url, StringMaps.Default.String)}},"AttributeNames":["QueueArn"]}""");
        return (url, attributes.GetProperty("Attributes").GetProperty("QueueArn").GetString()!);
    }

    /// <summary>Receives up to <paramref name="count"/> message bodies, polling a bounded number of times.</summary>
    public static async Task<List<string>> ReceiveAsync(AwsHttpPipeline pipeline, string queueUrl, int count, int maxPolls = 20)
    {
        var bodies = new List<string>();
        for (var poll = 0; poll < maxPolls && bodies.Count < count; poll++)
        {
            var received = await CallAsync(pipeline, Sqs, "ReceiveMessage",
                $$"""{"QueueUrl":{{JsonSerializer.Serialize(queueUrl, StringMaps.Default.String)}},"MaxNumberOfMessages":10,"WaitTimeSeconds":1}""");
            if (received.TryGetProperty("Messages", out var messages))
            {
                bodies.AddRange(messages.EnumerateArray().Select(m => m.GetProperty("Body").GetString()!));
            }
        }

        return bodies;
    }
}
