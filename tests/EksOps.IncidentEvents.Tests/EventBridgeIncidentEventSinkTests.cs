using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Testing.Bedrock;
using EksOps.Testing.Moto;

namespace EksOps.IncidentEvents.Tests;

[Collection(MotoGroup.Name)]
public sealed class EventBridgeIncidentEventSinkTests(MotoServer moto)
{
    private static readonly AwsJsonService Events = new("events", "events", "AWSEvents", AwsJsonVersion.Json11);
    private static readonly AwsJsonService Sqs = new("sqs", "sqs", "AmazonSQS", AwsJsonVersion.Json10);
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 5, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IncidentEvent Opened(string incidentId) => new()
    {
        DetailType = IncidentEventTypes.IncidentOpened,
        IncidentId = incidentId,
        Detail = new JsonObject { ["alarmName"] = "checkout restarts", ["cluster"] = "prod", ["note"] = "<b>&</b>" },
        Time = At,
        Resources = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout restarts", "arn:aws:states:us-east-1:123456789012:execution:incident:" + incidentId],
    };

    [Fact]
    public async Task An_event_published_on_a_custom_bus_reaches_a_rule_on_that_bus_as_an_eksops_event()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();
        var bus = "eksops-incidents-" + Guid.NewGuid().ToString("N")[..8];
        await Call(pipeline, Events, "CreateEventBus", $$"""{"Name":"{{bus}}"}""");
        var queueUrl = (await Call(pipeline, Sqs, "CreateQueue", $$"""{"QueueName":"{{bus}}"}""")).GetProperty("QueueUrl").GetString()!;
        var queueArn = (await Call(pipeline, Sqs, "GetQueueAttributes", $$"""{"QueueUrl":"{{queueUrl}}","AttributeNames":["QueueArn"]}"""))
            .GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
        await Call(pipeline, Events, "PutRule",
            $$"""{"Name":"opened","EventBusName":"{{bus}}","EventPattern":"{\"source\":[\"eksops\"],\"detail-type\":[\"Incident Opened\"]}","State":"ENABLED"}""");
        await Call(pipeline, Events, "PutTargets", $$"""{"Rule":"opened","EventBusName":"{{bus}}","Targets":[{"Id":"queue","Arn":"{{queueArn}}"}]}""");
        var sink = new EventBridgeIncidentEventSink(new EventBridgeClient(pipeline), bus);

        var eventId = await sink.PublishAsync(Opened("checkout_restarts-0123"), Ct);

        var body = await ReceiveOneAsync(pipeline, queueUrl);
        using var delivered = JsonDocument.Parse(body);
        var root = delivered.RootElement;
        Assert.Equal(eventId, root.GetProperty("id").GetString());
        Assert.Equal("eksops", root.GetProperty("source").GetString());
        Assert.Equal("Incident Opened", root.GetProperty("detail-type").GetString());
        Assert.Equal("checkout_restarts-0123", root.GetProperty("detail").GetProperty("incidentId").GetString());
        Assert.Equal("prod", root.GetProperty("detail").GetProperty("cluster").GetString());
        Assert.Equal("<b>&</b>", root.GetProperty("detail").GetProperty("note").GetString());
        Assert.Equal(2, root.GetProperty("resources").GetArrayLength());
        Assert.Equal(At, root.GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_request_carries_the_bus_source_detail_type_detail_resources_and_time()
    {
        var requests = new List<JsonElement>();
        await using var server = HttpListenerHost.Start((request, response) =>
        {
            lock (requests)
            {
                requests.Add(request.Json.Clone());
            }

            return Reply(response, """{"FailedEntryCount":0,"Entries":[{"EventId":"11710aed-b79e-4468-a20b-bb3c0c3b4860"}]}""");
        });
        using var pipeline = LoopbackPipeline(server.Endpoint);

        var eventId = await new EventBridgeIncidentEventSink(new EventBridgeClient(pipeline), "incidents").PublishAsync(Opened("inc-1"), Ct);

        Assert.Equal("11710aed-b79e-4468-a20b-bb3c0c3b4860", eventId);
        var entry = Assert.Single(Assert.Single(requests).GetProperty("Entries").EnumerateArray());
        Assert.Equal("eksops", entry.GetProperty("Source").GetString());
        Assert.Equal("Incident Opened", entry.GetProperty("DetailType").GetString());
        Assert.Equal("incidents", entry.GetProperty("EventBusName").GetString());
        Assert.Equal(At.ToUnixTimeSeconds(), entry.GetProperty("Time").GetDouble());
        Assert.Equal("""{"incidentId":"inc-1","alarmName":"checkout restarts","cluster":"prod","note":"<b>&</b>"}""", entry.GetProperty("Detail").GetString());
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout restarts", entry.GetProperty("Resources")[0].GetString());
    }

    [Fact]
    public async Task Without_a_bus_name_events_go_to_the_default_bus()
    {
        string? bus = null;
        await using var server = HttpListenerHost.Start((request, response) =>
        {
            bus = request.Json.GetProperty("Entries")[0].GetProperty("EventBusName").GetString();
            return Reply(response, """{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}""");
        });
        using var pipeline = LoopbackPipeline(server.Endpoint);

        var sink = new EventBridgeIncidentEventSink(new EventBridgeClient(pipeline), eventBusName: null);
        await sink.PublishAsync(Opened("inc-1"), Ct);

        Assert.Equal("default", sink.EventBusName);
        Assert.Equal("default", bus);
    }

    [Fact]
    public async Task A_refused_entry_is_an_IncidentEventPublishException_with_the_code_and_message()
    {
        await using var server = HttpListenerHost.Start((request, response) => Reply(response,
            """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"AccessDeniedException","ErrorMessage":"not authorized to put events on bus incidents"}]}"""));
        using var pipeline = LoopbackPipeline(server.Endpoint);
        var sink = new EventBridgeIncidentEventSink(new EventBridgeClient(pipeline), "incidents");

        var error = await Assert.ThrowsAsync<IncidentEventPublishException>(() => sink.PublishAsync(Opened("inc-1"), Ct));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Equal("not authorized to put events on bus incidents", error.ErrorMessage);
        Assert.Contains("incidents", error.Message, StringComparison.Ordinal);
        Assert.Contains("Incident Opened", error.Message, StringComparison.Ordinal);
        Assert.Contains("inc-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_entry_after_the_clients_retries_stays_an_AwsThrottlingException()
    {
        var requests = 0;
        await using var server = HttpListenerHost.Start((request, response) =>
        {
            Interlocked.Increment(ref requests);
            return Reply(response, """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded"}]}""");
        });
        using var pipeline = LoopbackPipeline(server.Endpoint);
        var client = new EventBridgeClient(pipeline, new PutEventsOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() => new EventBridgeIncidentEventSink(client, "incidents").PublishAsync(Opened("inc-1"), Ct));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal("events", error.Service);
        Assert.Equal(2, error.Attempts);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_whole_call_that_stays_throttled_is_an_AwsThrottlingException_too()
    {
        await using var server = HttpListenerHost.Start((request, response) =>
            Reply(response, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", HttpStatusCode.BadRequest));
        using var pipeline = LoopbackPipeline(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() =>
            new EventBridgeIncidentEventSink(new EventBridgeClient(pipeline), "incidents").PublishAsync(Opened("inc-1"), Ct));

        Assert.Equal("ThrottlingException", error.ErrorCode);
    }

    private static AwsHttpPipeline LoopbackPipeline(Uri endpoint) => new(new AwsClientOptions
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        Endpoints = { ["events"] = endpoint },
        Retry = new AwsRetryOptions { MaxAttempts = 1 },
    });

    private static async Task Reply(HttpListenerResponse response, string json, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = Encoding.UTF8.GetBytes(json);
        response.StatusCode = (int)status;
        response.ContentType = "application/x-amz-json-1.1";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private static async Task<JsonElement> Call(AwsHttpPipeline pipeline, AwsJsonService service, string operation, string json)
    {
        var body = await new AwsJsonClient(pipeline, service).InvokeRawAsync(operation, Encoding.UTF8.GetBytes(json), Ct);
        return JsonDocument.Parse(body.IsEmpty ? "{}"u8.ToArray() : body).RootElement.Clone();
    }

    private static async Task<string> ReceiveOneAsync(AwsHttpPipeline pipeline, string queueUrl)
    {
        for (var poll = 0; poll < 20; poll++)
        {
            var received = await Call(pipeline, Sqs, "ReceiveMessage", $$"""{"QueueUrl":"{{queueUrl}}","MaxNumberOfMessages":1,"WaitTimeSeconds":1}""");
            if (received.TryGetProperty("Messages", out var messages) && messages.GetArrayLength() > 0)
            {
                return messages[0].GetProperty("Body").GetString()!;
            }
        }

        throw new TimeoutException("The event did not reach the queue.");
    }
}
