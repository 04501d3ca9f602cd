using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Testing.Moto;

namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// What AlarmIngest needs in AWS, created on moto: the incident table (as the incident store's README documents it),
/// a state machine, and a rule on the default bus that copies EksOps events to a queue the test reads.
/// </summary>
internal sealed class MotoDeployment
{
    private static readonly AwsJsonService States = new("states", "states", "AWSStepFunctions", AwsJsonVersion.Json10);
    private static readonly AwsJsonService Events = new("events", "events", "AWSEvents", AwsJsonVersion.Json11);
    private static readonly AwsJsonService Sqs = new("sqs", "sqs", "AmazonSQS", AwsJsonVersion.Json10);

    private readonly MotoServer _moto;

    private MotoDeployment(MotoServer moto, string table, string stateMachineArn, string queueUrl)
    {
        _moto = moto;
        Table = table;
        StateMachineArn = stateMachineArn;
        QueueAddress = queueUrl;
    }

    public string Table { get; }

    public string StateMachineArn { get; }

    public string QueueAddress { get; }

    /// <summary>The function's environment: everything through moto, signed with moto's key.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["EKSOPS_STATE_MACHINE_ARN"] = StateMachineArn,
        ["EKSOPS_INCIDENT_TABLE"] = Table,
        ["EKSOPS_ENDPOINT"] = _moto.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = _moto.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = _moto.SecretAccessKey,
    };

    public static async Task<MotoDeployment> CreateAsync(MotoServer moto)
    {
        moto.RequireAvailable();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ct = TestContext.Current.CancellationToken;
        using var dynamo = DynamoDb(moto);
        var table = "eksops-incidents-" + suffix;
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, ct);

        using var pipeline = moto.Pipeline();
        var definition = JsonValue.Create("""{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}""").ToJsonString();
        var stateMachineArn = (await Call(pipeline, States, "CreateStateMachine",
            $$"""{"name":"eksops-incident-{{suffix}}","definition":{{definition}},"roleArn":"arn:aws:iam::123456789012:role/eksops-sfn"}"""))
            .GetProperty("stateMachineArn").GetString()!;
        var queueUrl = (await Call(pipeline, Sqs, "CreateQueue", $$"""{"QueueName":"eksops-events-{{suffix}}"}""")).GetProperty("QueueUrl").GetString()!;
        var queueArn = (await Call(pipeline, Sqs, "GetQueueAttributes", $$"""{"QueueUrl":"{{queueUrl}}","AttributeNames":["QueueArn"]}"""))
            .GetProperty("Attributes").GetProperty("QueueArn").GetString()!;
        // The incident id of the events this test's alarms make starts with the alarm name; the rule matches this run's.
        await Call(pipeline, Events, "PutRule",
            $$"""{"Name":"eksops-{{suffix}}","EventPattern":"{\"source\":[\"eksops\"]}","State":"ENABLED"}""");
        await Call(pipeline, Events, "PutTargets", $$"""{"Rule":"eksops-{{suffix}}","Targets":[{"Id":"queue","Arn":"{{queueArn}}"}]}""");
        return new MotoDeployment(moto, table, stateMachineArn, queueUrl);
    }

    /// <summary>The names of the executions of the state machine.</summary>
    public async Task<IReadOnlyList<string>> ExecutionNamesAsync()
    {
        using var pipeline = _moto.Pipeline();
        var listed = await Call(pipeline, States, "ListExecutions", $$"""{"stateMachineArn":"{{StateMachineArn}}"}""");
        return [.. listed.GetProperty("executions").EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];
    }

    /// <summary>An item of the incident table, or null.</summary>
    public async Task<Dictionary<string, AttributeValue>?> ItemAsync(string pk, string sk)
    {
        using var dynamo = DynamoDb(_moto);
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new() { ["pk"] = new() { S = pk }, ["sk"] = new() { S = sk } },
            ConsistentRead = true,
        }, TestContext.Current.CancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>The EksOps events that reached the queue, waiting up to a bounded number of polls for <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync(int count)
    {
        using var pipeline = _moto.Pipeline();
        var events = new List<JsonElement>();
        for (var poll = 0; poll < 20 && events.Count < count; poll++)
        {
            var received = await Call(pipeline, Sqs, "ReceiveMessage", $$"""{"QueueUrl":"{{QueueAddress}}","MaxNumberOfMessages":10,"WaitTimeSeconds":1}""");
            if (received.TryGetProperty("Messages", out var messages))
            {
                events.AddRange(messages.EnumerateArray().Select(m => JsonDocument.Parse(m.GetProperty("Body").GetString()!).RootElement.Clone()));
            }
        }

        return events;
    }

    private static AmazonDynamoDBClient DynamoDb(MotoServer moto) => new(
        new BasicAWSCredentials(moto.AccessKeyId, moto.SecretAccessKey),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    private static async Task<JsonElement> Call(AwsHttpPipeline pipeline, AwsJsonService service, string operation, string json)
    {
        var body = await new AwsJsonClient(pipeline, service).InvokeRawAsync(operation, Encoding.UTF8.GetBytes(json), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(body.IsEmpty ? "{}"u8.ToArray() : body).RootElement.Clone();
    }
}
