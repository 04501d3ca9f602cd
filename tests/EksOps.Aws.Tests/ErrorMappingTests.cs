using System.Net;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests;

public sealed class ErrorMappingTests
{
    private static async Task<AwsServiceException> FailWith(AwsJsonService service, ScriptedResponse response)
    {
        await using var server = LoopbackAwsServer.Script(response);
        using var pipeline = TestPipelines.For(server.Endpoint, configure: o => o.Retry.MaxAttempts = 1);
        return await Assert.ThrowsAnyAsync<AwsServiceException>(() =>
            new AwsJsonClient(pipeline, service).InvokeRawAsync("Op", default, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_JSON_1_1_error_yields_the_code_from_type_the_message_and_the_request_id()
    {
        var error = await FailWith(AwsJsonService.CloudWatchLogs, ScriptedResponse.Error(
            400, """{"__type":"ResourceNotFoundException","message":"The specified log group does not exist."}""",
            ("x-amzn-RequestId", "6f1c-logs")));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("The specified log group does not exist.", error.ErrorMessage);
        Assert.Equal("6f1c-logs", error.RequestId);
        Assert.Null(error.Fault);
    }

    [Fact]
    public async Task A_JSON_1_0_error_with_a_namespaced_type_and_capitalised_Message_is_sanitised()
    {
        var error = await FailWith(AwsJsonService.CloudWatch, ScriptedResponse.Error(
            400, """{"__type":"com.amazonaws.cloudwatch#InvalidNextToken:http://internal.amazon.com/coral/","Message":"The token is invalid"}""",
            ("x-amzn-RequestId", "cw-1")));

        Assert.Equal("InvalidNextToken", error.ErrorCode);
        Assert.Equal("The token is invalid", error.ErrorMessage);
        Assert.Equal("cw-1", error.RequestId);
    }

    [Fact]
    public async Task A_query_compatible_error_takes_its_code_and_fault_from_x_amzn_query_error()
    {
        var error = await FailWith(AwsJsonService.CloudWatch, ScriptedResponse.Error(
            400, """{"__type":"com.amazonaws.cloudwatch#InvalidParameterValueException","message":"Period must be 60"}""",
            ("x-amzn-query-error", "InvalidParameterValue;Sender"), ("x-amzn-RequestId", "cw-2")));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("Sender", error.Fault);
        Assert.Equal("Period must be 60", error.ErrorMessage);
    }

    [Fact]
    public async Task A_query_compatible_throttling_code_is_an_AwsThrottlingException()
    {
        var error = await FailWith(AwsJsonService.CloudWatch, ScriptedResponse.Error(
            400, """{"__type":"com.amazonaws.cloudwatch#LimitExceededFault"}""", ("x-amzn-query-error", "Throttling;Sender")));

        Assert.IsType<AwsThrottlingException>(error);
        Assert.Equal("Throttling", error.ErrorCode);
    }

    [Fact]
    public async Task The_error_type_header_fills_in_when_the_body_has_no_code()
    {
        var error = await FailWith(AwsJsonService.CloudWatchLogs, ScriptedResponse.Error(
            404, """{"message":"no such thing"}""", ("x-amzn-ErrorType", "ResourceNotFoundException:http://internal/"), ("x-amz-request-id", "s3-style-id")));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("no such thing", error.ErrorMessage);
        Assert.Equal("s3-style-id", error.RequestId);
    }

    [Fact]
    public async Task A_lower_case_code_member_is_read_as_the_error_code()
    {
        var error = await FailWith(AwsJsonService.CloudWatchLogs, ScriptedResponse.Error(400, """{"code":"ValidationException","message":"x"}"""));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task An_XML_error_envelope_is_read_even_on_a_JSON_service()
    {
        var error = await FailWith(AwsJsonService.CloudWatch, ScriptedResponse.Error(
            403,
            """<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature &amp; key differ.</Message></Error><RequestId>xml-req-9</RequestId></ErrorResponse>"""));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal("The request signature & key differ.", error.ErrorMessage);
        Assert.Equal("Sender", error.Fault);
        Assert.Equal("xml-req-9", error.RequestId);
    }

    [Fact]
    public async Task An_error_without_a_body_is_named_by_its_status()
    {
        var error = await FailWith(AwsJsonService.CloudWatchLogs, ScriptedResponse.Error(404, string.Empty));

        Assert.Equal("404", error.ErrorCode);
        Assert.Null(error.ErrorMessage);
    }

    [Fact]
    public async Task An_HTML_error_page_still_yields_the_status_as_the_code()
    {
        var error = await FailWith(AwsJsonService.CloudWatchLogs, ScriptedResponse.Error(502, "<html><body>Bad gateway</body></html>"));

        Assert.Equal("502", error.ErrorCode);
        Assert.True(error.IsRetryable);
    }

    [Theory]
    [InlineData("ThrottlingException", true)]
    [InlineData("Throttling", true)]
    [InlineData("TooManyRequestsException", true)]
    [InlineData("RequestLimitExceeded", true)]
    [InlineData("ProvisionedThroughputExceededException", true)]
    [InlineData("AccessDeniedException", false)]
    [InlineData("ResourceNotFoundException", false)]
    public void Throttling_codes_are_recognised_by_name(string code, bool throttling)
    {
        Assert.Equal(throttling, AwsErrorClassifier.IsThrottling(HttpStatusCode.BadRequest, code));
    }

    [Fact]
    public void Sanitising_strips_namespace_and_url_and_keeps_plain_codes()
    {
        Assert.Equal("Foo", AwsErrorParser.Sanitize("aws.protocoltests.restjson#Foo:http://internal.amazon.com/coral/com.amazon.coral.validate/"));
        Assert.Equal("Foo", AwsErrorParser.Sanitize("Foo"));
        Assert.Null(AwsErrorParser.Sanitize("  "));
    }
}
