using System.Net;
using System.Text.Json;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.CloudWatch;

/// <summary><c>ListTagsForResource</c> on a loopback CloudWatch: the request on the wire, the tags read back, the errors.</summary>
public sealed class ListTagsForResourceTests
{
    private const string AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod shop checkout restarts";

    [Fact]
    public async Task The_request_is_AWS_JSON_1_0_with_the_ARN_under_the_models_member_name()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"Tags":[]}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        await new CloudWatchClient(pipeline).ListTagsForResourceAsync(AlarmArn, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("GraniteServiceVersion20100801.ListTagsForResource", request.Target);
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Equal("true", request.Header("x-amzn-query-mode"));
        Assert.Contains("/us-east-1/monitoring/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal(AlarmArn, body.GetProperty("ResourceARN").GetString());
        Assert.Single(body.EnumerateObject());
    }

    [Fact]
    public async Task Tags_come_back_in_the_services_order_with_a_missing_value_read_as_empty()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json(
            """{"Tags":[{"Key":"team","Value":"payments"},{"Key":"eksops:managed","Value":"true"},{"Key":"empty","Value":""},{"Key":"novalue"}],"Extra":1}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var tags = await new CloudWatchClient(pipeline).ListTagsForResourceAsync(AlarmArn, TestContext.Current.CancellationToken);

        Assert.Equal(
            [new ResourceTag("team", "payments"), new ResourceTag("eksops:managed", "true"), new ResourceTag("empty", ""), new ResourceTag("novalue", "")],
            tags);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Tags":null}""")]
    [InlineData("")]
    public async Task A_resource_without_tags_has_an_empty_list(string answer)
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json(answer));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var tags = await new CloudWatchClient(pipeline).ListTagsForResourceAsync(AlarmArn, TestContext.Current.CancellationToken);

        Assert.Empty(tags);
    }

    [Fact]
    public async Task A_tag_without_a_key_is_a_JSON_error_that_names_the_operation_and_the_resource()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("""{"Tags":[{"Value":"orphan"}]}"""));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<JsonException>(() =>
            new CloudWatchClient(pipeline).ListTagsForResourceAsync(AlarmArn, TestContext.Current.CancellationToken));

        Assert.Contains("ListTagsForResource", error.Message, StringComparison.Ordinal);
        Assert.Contains(AlarmArn, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_alarm_is_a_ResourceNotFoundException_with_the_query_compatible_code()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Error(
            404,
            """{"__type":"com.amazonaws.cloudwatch#ResourceNotFoundException","message":"Alarm does not exist"}""",
            ("x-amzn-query-error", "ResourceNotFoundException;Sender"),
            ("x-amzn-RequestId", "cw-404")));
        using var pipeline = TestPipelines.For(server.Endpoint);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new CloudWatchClient(pipeline).ListTagsForResourceAsync(AlarmArn, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("ListTagsForResource", error.Operation);
        Assert.Equal("cw-404", error.RequestId);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task Throttling_is_retried_and_when_it_persists_is_an_AwsThrottlingException()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Error(
            400, """{"__type":"com.amazonaws.cloudwatch#Throttling","message":"Rate exceeded"}""", ("x-amzn-query-error", "Throttling;Sender")));
        using var pipeline = TestPipelines.For(server.Endpoint, configure: o => o.Retry.MaxAttempts = 3);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() =>
            new CloudWatchClient(pipeline).ListTagsForResourceAsync(AlarmArn, TestContext.Current.CancellationToken));

        Assert.Equal("Throttling", error.ErrorCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task An_empty_or_overlong_ARN_is_refused_before_anything_is_sent()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json("{}"));
        using var pipeline = TestPipelines.For(server.Endpoint);
        var client = new CloudWatchClient(pipeline);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ListTagsForResourceAsync(string.Empty, TestContext.Current.CancellationToken));
        var overlong = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.ListTagsForResourceAsync("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + new string('a', 1_000), TestContext.Current.CancellationToken));

        Assert.Contains("1024", overlong.Message.Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
