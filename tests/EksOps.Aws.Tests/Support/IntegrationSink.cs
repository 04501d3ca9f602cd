using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EksOps.Aws.Tests.Support;

/// <summary>
/// Stands in for the services moto's Step Functions interpreter calls from a task: it accepts SQS SendMessage (AWS
/// JSON, as boto3 sends it) like SQS would, so that a <c>sqs:sendMessage.waitForTaskToken</c> task hands its token
/// to the test instead of failing moto's signature check.
/// </summary>
internal static class IntegrationSink
{
    public static ScriptedResponse Respond(RecordedRequest request, int index)
    {
        if (request.Target != "AmazonSQS.SendMessage")
        {
            return ScriptedResponse.Error(400, $$"""{"__type":"UnknownOperationException","message":"the test sink only takes SQS SendMessage, not {{request.Target}}"}""");
        }

        var body = request.Json.GetProperty("MessageBody").GetString() ?? string.Empty;
#pragma warning disable CA5351 // MD5OfMessageBody is the checksum SQS defines and boto3 verifies, not a security use.
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351
        return ScriptedResponse.Json($$"""{"MD5OfMessageBody":"{{md5}}","MessageId":"{{Guid.NewGuid()}}"}""");
    }

    /// <summary>The <c>MessageBody</c> of every SQS message a task sent, as parsed JSON, oldest first.</summary>
    public static IEnumerable<JsonElement> Messages(LoopbackAwsServer sink) =>
        sink.Requests
            .Where(r => r.Target == "AmazonSQS.SendMessage")
            .Select(r => JsonDocument.Parse(r.Json.GetProperty("MessageBody").GetString()!).RootElement);
}
