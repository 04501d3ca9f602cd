using System.Globalization;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Logs;
using EksOps.Simulation.CloudWatch;
using EksOps.Simulation.Tests.CloudWatch.Support;

namespace EksOps.Simulation.Tests.CloudWatch;

/// <summary>The wire: SigV4 presence, routing by X-Amz-Target, JSON 1.0 and 1.1 framing, query-compatible errors, recording.</summary>
public sealed class ProtocolTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T10:02:00Z", CultureInfo.InvariantCulture);

    private static SimulatedCloudWatch Data() => new(
        [new MetricSeries { Namespace = "EksOps/Test", MetricName = "up", Period = 60, Points = [new(Now.AddMinutes(-1), 1)] }],
        [SimulatedAlarm.FromEvent(SampleAlarmEvents.Restarts)],
        [new SimulatedLogEvent("/eksops/test", "s", Now.AddMinutes(-1), "hello")],
        Now);

    [Fact]
    public async Task An_unsigned_CloudWatch_request_is_refused_with_403_MissingAuthenticationToken()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var response = await RawHttp.PostAsync(clients.Simulator.Endpoint, "GraniteServiceVersion20100801.DescribeAlarms", "{}", authorization: null, contentType: "application/x-amz-json-1.0");

        Assert.Equal(403, response.Status);
        Assert.Equal("MissingAuthenticationToken;Sender", response.Headers["x-amzn-query-error"]);
        Assert.Equal("com.amazon.coral.service#MissingAuthenticationTokenException", response.Json.GetProperty("__type").GetString());
        Assert.Equal("Request is missing Authentication Token", response.Json.GetProperty("message").GetString());
        Assert.Equal("application/x-amz-json-1.0", response.ContentType);
        Assert.True(response.Headers.ContainsKey("x-amzn-RequestId"));
    }

    [Fact]
    public async Task An_unsigned_Logs_request_is_refused_as_a_Coral_JSON_service_refuses_it()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var response = await RawHttp.PostAsync(clients.Simulator.Endpoint, "Logs_20140328.FilterLogEvents", """{"logGroupName":"/eksops/test"}""", authorization: null);

        Assert.Equal(400, response.Status);
        Assert.False(response.Headers.ContainsKey("x-amzn-query-error"));
        Assert.Equal("com.amazon.coral.service#MissingAuthenticationTokenException", response.Json.GetProperty("__type").GetString());
        Assert.DoesNotContain("hello", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorization_header_that_is_not_SigV4_counts_as_missing()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var response = await RawHttp.PostAsync(clients.Simulator.Endpoint, "GraniteServiceVersion20100801.DescribeAlarms", "{}", authorization: "Bearer abc");

        Assert.Equal(403, response.Status);
        Assert.Equal("MissingAuthenticationToken;Sender", response.Headers["x-amzn-query-error"]);
    }

    [Fact]
    public async Task A_SigV4_header_without_its_parts_or_a_date_is_an_incomplete_signature()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var noSignature = await RawHttp.PostAsync(clients.Simulator.Endpoint, "Logs_20140328.FilterLogEvents", "{}", authorization: "AWS4-HMAC-SHA256 Credential=AKID/20261120/us-east-1/logs/aws4_request, SignedHeaders=host");
        var noDate = await RawHttp.PostAsync(clients.Simulator.Endpoint, "Logs_20140328.FilterLogEvents", """{"logGroupName":"/eksops/test"}""", date: false);

        Assert.Equal("com.amazon.coral.service#IncompleteSignatureException", noSignature.Json.GetProperty("__type").GetString());
        Assert.Contains("Authorization header requires 'Signature' parameter.", noSignature.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("'X-Amz-Date' or a 'Date' header", noDate.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_scoped_to_another_service_is_refused()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var response = await RawHttp.PostAsync(clients.Simulator.Endpoint, "GraniteServiceVersion20100801.DescribeAlarms", "{}", scopeService: "logs");

        Assert.Equal(403, response.Status);
        Assert.Equal("SignatureDoesNotMatch;Sender", response.Headers["x-amzn-query-error"]);
        Assert.Equal("Credential should be scoped to correct service: 'monitoring'. ", response.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Any_signature_is_accepted_in_a_header_or_a_presigned_query()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());
        const string Presigned = "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDPRESIGNED%2F20261120%2Fus-east-1%2Fmonitoring%2Faws4_request"
            + "&X-Amz-Date=20261120T100200Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00";

        var header = await RawHttp.PostAsync(clients.Simulator.Endpoint, "GraniteServiceVersion20100801.DescribeAlarms", "{}");
        var query = await RawHttp.PostAsync(clients.Simulator.Endpoint, "GraniteServiceVersion20100801.DescribeAlarms", "{}", authorization: null, path: Presigned);

        Assert.Equal((200, 200), (header.Status, query.Status));
        Assert.Equal("application/x-amz-json-1.0", header.ContentType);
        Assert.Equal(1, query.Json.GetProperty("MetricAlarms").GetArrayLength());
        Assert.Equal(["AKIDRAWHTTP", "AKIDPRESIGNED"], clients.Simulator.Requests.Select(r => r.AccessKeyId));
    }

    [Theory]
    [InlineData("GraniteServiceVersion20100801.PutMetricData", "application/x-amz-json-1.0", "{}", "UnknownOperationException", "not served by the simulator")]
    [InlineData(null, "application/x-www-form-urlencoded", "Action=GetMetricData&Version=2010-08-01", "UnknownOperationException", "Query protocol")]
    [InlineData("Logs_20140328.FilterLogEvents", "application/x-amz-json-1.1", "{not json", "SerializationException", "not valid JSON")]
    [InlineData("Logs_20140328.FilterLogEvents", "application/x-amz-json-1.1", """{"logGroupName":42}""", "SerializationException", "'logGroupName'")]
    public async Task A_request_the_simulator_cannot_route_or_read_gets_the_Coral_error(string? target, string contentType, string body, string type, string message)
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        var response = await RawHttp.PostAsync(clients.Simulator.Endpoint, target, body, contentType: contentType, scopeService: target is null ? "monitoring" : null);

        Assert.Equal(400, response.Status);
        Assert.Equal("com.amazon.coral.service#" + type, response.Json.GetProperty("__type").GetString());
        Assert.Contains(message, response.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_is_recorded_with_service_operation_body_status_and_key()
    {
        await using var clients = await SimulatorClients.StartAsync(Data());

        await clients.CloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = "prod-" }, TestContext.Current.CancellationToken);
        await clients.Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "/eksops/test", FilterPattern = "hello" }, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<EksOps.Aws.AwsServiceException>(() => clients.Logs.FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "/missing" }, TestContext.Current.CancellationToken));

        var requests = clients.Simulator.Requests;
        Assert.Equal([("monitoring", "DescribeAlarms", 200), ("logs", "FilterLogEvents", 200), ("logs", "FilterLogEvents", 400)], requests.Select(r => (r.Service, r.Operation, r.StatusCode)));
        Assert.Contains("\"AlarmNamePrefix\":\"prod-\"", requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"filterPattern\":\"hello\"", requests[1].Body, StringComparison.Ordinal);
        Assert.Equal([null, null, "ResourceNotFoundException"], requests.Select(r => r.ErrorCode));
        Assert.All(requests, r => Assert.Equal(SimulatorClients.AccessKeyId, r.AccessKeyId));
    }

    [Fact]
    public async Task One_endpoint_serves_both_services_when_the_pipeline_uses_EKSOPS_ENDPOINT()
    {
        await using var simulator = await CloudWatchSimulator.StartAsync(Data(), cancellationToken: TestContext.Current.CancellationToken);
        using var pipeline = new EksOps.Aws.Http.AwsHttpPipeline(new EksOps.Aws.AwsClientOptions
        {
            Region = "ap-northeast-2",
            Credentials = new Amazon.Runtime.SessionAWSCredentials("ASIAEXAMPLE", "secret", "token"),
            GetEnvironmentVariable = name => name == "EKSOPS_ENDPOINT" ? simulator.Endpoint.ToString() : null,
        });

        var alarms = await new CloudWatchClient(pipeline).DescribeAlarmsAsync(new DescribeAlarmsRequest(), TestContext.Current.CancellationToken);
        var events = await new CloudWatchLogsClient(pipeline).FilterLogEventsAsync(new FilterLogEventsRequest { LogGroupName = "/eksops/test" }, TestContext.Current.CancellationToken);

        Assert.Single(alarms.MetricAlarms);
        Assert.Equal(["hello"], events.Events.Select(e => e.Message));
        Assert.Equal(simulator.Endpoint, simulator.Endpoints["monitoring"]);
        Assert.Equal(simulator.Endpoint, simulator.Endpoints["logs"]);
    }
}
