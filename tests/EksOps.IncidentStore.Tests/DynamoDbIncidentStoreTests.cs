using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.IncidentStore.DynamoDb;
using EksOps.Testing.Bedrock;
using EksOps.Testing.Moto;

namespace EksOps.IncidentStore.Tests;

/// <summary>What only the DynamoDB store has: its item layout, throttling, and the factory.</summary>
[Collection(MotoGroup.Name)]
public sealed class DynamoDbIncidentStoreTests(MotoServer moto)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IncidentRecord Candidate(string id, string key) => new()
    {
        Id = id,
        CorrelationKey = key,
        AlarmName = "checkout restarts",
        AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout restarts",
        Status = IncidentStatus.Open,
        OpenedAt = Start,
        UpdatedAt = Start,
    };

    [Fact]
    public async Task Items_follow_the_documented_layout_with_a_ninety_day_ttl()
    {
        moto.RequireAvailable();
        using var client = IncidentTable.Client(moto);
        var table = await IncidentTable.CreateAsync(client);
        var clock = new ManualTimeProvider(Start);
        using var store = new DynamoDbIncidentStore(client, new DynamoDbIncidentStoreOptions { TableName = table }, clock);
        var candidate = Candidate("checkout_restarts-0123456789abcdef01234567", "123456789012:us-east-1:k8s/prod/shop/checkout");

        await store.OpenOrJoinAsync(candidate, TimeSpan.FromMinutes(15), Ct);
        await store.AppendAsync(candidate.Id, new TimelineEntry { Key = "alarm", Kind = TimelineKind.Alarm, At = Start, Summary = "ALARM", Data = new JsonObject { ["state"] = "ALARM" } }, Ct);
        await store.ClaimAsync(candidate.Id, "event:opened", Ct);
        await store.TryConsumeAsync("nonce-1", Start.AddHours(1), Ct);

        var retentionEnd = (Start + TimeSpan.FromDays(90)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var record = await Item(client, table, "INCIDENT#" + candidate.Id, "RECORD");
        Assert.Equal(candidate.Id, record["id"].S);
        Assert.Equal("Open", record["status"].S);
        Assert.Equal("2026-03-01T12:00:00.0000000Z", record["openedAt"].S);
        Assert.Equal("0", record["correlatedAlarms"].N);
        Assert.Equal(retentionEnd, record["ttl"].N);
        var correlation = await Item(client, table, "CORRELATION#" + candidate.CorrelationKey, "CORRELATION");
        Assert.Equal(candidate.Id, correlation["incidentId"].S);
        Assert.Equal(Start.AddMinutes(15).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), correlation["windowEndMs"].N);
        var pointer = await Item(client, table, "ALARM#" + candidate.AlarmArn, "OPENED#2026-03-01T12:00:00.0000000Z#" + candidate.Id);
        Assert.Equal(candidate.Id, pointer["incidentId"].S);
        var entry = await Item(client, table, "INCIDENT#" + candidate.Id, "TL#alarm");
        Assert.Equal("Alarm", entry["kind"].S);
        Assert.Equal("""{"state":"ALARM"}""", entry["data"].S);
        Assert.Equal(retentionEnd, entry["ttl"].N);
        var claim = await Item(client, table, "INCIDENT#" + candidate.Id, "CLAIM#event:opened");
        Assert.Equal("2026-03-01T12:00:00.0000000Z", claim["claimedAt"].S);
        var once = await Item(client, table, "ONCE#nonce-1", "ONCE");
        Assert.Equal(Start.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), once["ttl"].N);
    }

    [Fact]
    public async Task A_record_written_by_another_version_with_a_missing_attribute_fails_with_its_key_named()
    {
        moto.RequireAvailable();
        using var client = IncidentTable.Client(moto);
        var table = await IncidentTable.CreateAsync(client);
        using var store = new DynamoDbIncidentStore(client, new DynamoDbIncidentStoreOptions { TableName = table });
        await client.PutItemAsync(table, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = "INCIDENT#broken" },
            ["sk"] = new() { S = "RECORD" },
            ["id"] = new() { S = "broken" },
        }, Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetAsync("broken", Ct));

        Assert.Contains("(INCIDENT#broken, RECORD)", error.Message, StringComparison.Ordinal);
        Assert.Contains("correlationKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ProvisionedThroughputExceededException")]
    [InlineData("ThrottlingException")]
    [InlineData("RequestLimitExceeded")]
    public async Task Throttling_that_outlasts_the_sdk_retries_is_an_AwsThrottlingException(string code)
    {
        var requests = 0;
        await using var server = HttpListenerHost.Start(async (request, response) =>
        {
            Interlocked.Increment(ref requests);
            await Reply(response, 400, $$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{code}}","message":"Rate of requests exceeds the allowed throughput."}""");
        });
        using var store = StoreOn(server.Endpoint, maxErrorRetry: 1);

        var read = await Assert.ThrowsAsync<AwsThrottlingException>(() => store.GetAsync("incident", Ct));
        var write = await Assert.ThrowsAsync<AwsThrottlingException>(() => store.AppendAsync("incident", new TimelineEntry { Key = "k", Kind = TimelineKind.Note, At = Start, Summary = "s" }, Ct));
        var open = await Assert.ThrowsAsync<AwsThrottlingException>(() => store.OpenOrJoinAsync(Candidate("a", "k"), TimeSpan.FromMinutes(1), Ct));

        Assert.Equal(code, read.ErrorCode);
        Assert.Equal("dynamodb", read.Service);
        Assert.Equal("GetItem", read.Operation);
        Assert.Equal("PutItem", write.Operation);
        Assert.Equal("TransactWriteItems", open.Operation);
        Assert.Equal(6, requests); // two attempts each: the SDK retried before giving up
    }

    [Fact]
    public async Task A_transaction_cancelled_for_throttling_is_an_AwsThrottlingException()
    {
        await using var server = HttpListenerHost.Start((request, response) => Reply(response, 400,
            """{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled","CancellationReasons":[{"Code":"None"},{"Code":"ThrottlingError","Message":"Throughput exceeds the current capacity"},{"Code":"None"}]}"""));
        using var store = StoreOn(server.Endpoint, maxErrorRetry: 0);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() => store.OpenOrJoinAsync(Candidate("a", "k"), TimeSpan.FromMinutes(1), Ct));

        Assert.Equal("ThrottlingError", error.ErrorCode);
    }

    [Fact]
    public async Task Transactions_that_keep_conflicting_give_up_as_an_AwsThrottlingException_after_the_configured_attempts()
    {
        var requests = 0;
        await using var server = HttpListenerHost.Start((request, response) =>
        {
            Interlocked.Increment(ref requests);
            return Reply(response, 400,
                """{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled","CancellationReasons":[{"Code":"TransactionConflict"},{"Code":"None"},{"Code":"None"}]}""");
        });
        using var store = StoreOn(server.Endpoint, maxErrorRetry: 0, maxTransactionAttempts: 3);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() => store.OpenOrJoinAsync(Candidate("a", "k"), TimeSpan.FromMinutes(1), Ct));

        Assert.Equal("TransactionConflict", error.ErrorCode);
        Assert.Equal(3, requests);
    }

    [Fact]
    public void The_factory_builds_the_embedded_store_when_asked_for_memory()
    {
        var store = IncidentStoreFactory.FromEnvironment(Variables(("EKSOPS_INCIDENT_STORE", "memory")));

        Assert.IsType<InMemoryIncidentStore>(store);
    }

    [Theory]
    [InlineData("EKSOPS_INCIDENT_TABLE", null, "EKSOPS_INCIDENT_TABLE is not set")]
    [InlineData("EKSOPS_INCIDENT_STORE", "postgres", "EKSOPS_INCIDENT_STORE is 'postgres'")]
    [InlineData("AWS_REGION", null, "Neither AWS_REGION nor AWS_DEFAULT_REGION is set")]
    [InlineData("EKSOPS_ENDPOINT_DYNAMODB", "127.0.0.1:8000", "EKSOPS_ENDPOINT_DYNAMODB is '127.0.0.1:8000'")]
    [InlineData("EKSOPS_INCIDENT_RETENTION_DAYS", "ninety", "EKSOPS_INCIDENT_RETENTION_DAYS is 'ninety'")]
    public void The_factory_names_the_variable_that_is_missing_or_wrong(string variable, string? value, string message)
    {
        var environment = new Dictionary<string, string?>
        {
            ["EKSOPS_INCIDENT_TABLE"] = "incidents",
            ["AWS_REGION"] = "us-east-1",
            [variable] = value,
        };

        var error = Assert.Throws<InvalidOperationException>(() => IncidentStoreFactory.FromEnvironment(name => environment.GetValueOrDefault(name)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_factory_reaches_the_table_through_the_endpoint_override()
    {
        moto.RequireAvailable();
        string table;
        using (var client = IncidentTable.Client(moto))
        {
            table = await IncidentTable.CreateAsync(client);
        }

        var store = IncidentStoreFactory.FromEnvironment(
            Variables(("EKSOPS_INCIDENT_TABLE", table), ("AWS_DEFAULT_REGION", MotoServer.Region), ("EKSOPS_ENDPOINT_DYNAMODB", moto.Endpoint.ToString()), ("EKSOPS_INCIDENT_RETENTION_DAYS", "7")),
            new ManualTimeProvider(Start),
            new BasicAWSCredentials(moto.AccessKeyId, moto.SecretAccessKey));
        using var disposable = Assert.IsType<DynamoDbIncidentStore>(store);

        var opened = await store.OpenOrJoinAsync(Candidate("via-factory", "k"), TimeSpan.FromMinutes(1), Ct);

        Assert.True(opened.Created);
        Assert.Equal(opened.Incident, await store.GetAsync("via-factory", Ct));
        using var check = IncidentTable.Client(moto);
        var record = await Item(check, table, "INCIDENT#via-factory", "RECORD");
        Assert.Equal((Start + TimeSpan.FromDays(7)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), record["ttl"].N);
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    private static DynamoDbIncidentStore StoreOn(Uri endpoint, int maxErrorRetry, int maxTransactionAttempts = 6)
    {
        var client = new AmazonDynamoDBClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
        });
        return new DynamoDbIncidentStore(client, new DynamoDbIncidentStoreOptions { TableName = "incidents", MaxTransactionAttempts = maxTransactionAttempts }, ownsClient: true);
    }

    private static async Task Reply(HttpListenerResponse response, int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/x-amz-json-1.0";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    private static async Task<Dictionary<string, AttributeValue>> Item(AmazonDynamoDBClient client, string table, string pk, string sk)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["pk"] = new() { S = pk }, ["sk"] = new() { S = sk } },
            ConsistentRead = true,
        }, Ct);
        Assert.True(response.Item is { Count: > 0 }, $"no item ({pk}, {sk})");
        return response.Item;
    }
}
