using System.Net;
using System.Web;
using Amazon.Runtime;
using EksOps.Aws.Http;
using EksOps.Aws.Sts;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.Sts;

public sealed class AssumedRoleCredentialsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static string AssumeRoleXml(int n, DateTimeOffset expiration) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIAEKSOPS00000000{n:D2}</AccessKeyId>
              <SecretAccessKey>secret-{n}</SecretAccessKey>
              <SessionToken>session-token-{n}</SessionToken>
              <Expiration>{expiration.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <AssumedRoleId>AROAEKSOPSROLE:eksops</AssumedRoleId>
              <Arn>arn:aws:sts::111122223333:assumed-role/eksops-reader/eksops</Arn>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>req-{n}</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private static Dictionary<string, string> Form(RecordedRequest request)
    {
        var form = HttpUtility.ParseQueryString(request.Text);
        return form.AllKeys.ToDictionary(k => k!, k => form[k]!);
    }

    private static AwsHttpPipeline Pipeline(Uri endpoint, TimeProvider time, AWSCredentials? credentials = null) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = credentials ?? new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        GetEnvironmentVariable = name => name == AwsEnvironment.EndpointVariable ? endpoint.ToString() : null,
        TimeProvider = time,
    });

    [Fact]
    public async Task AssumeRole_is_an_STS_query_call_signed_by_the_pipeline_identity_and_returns_the_temporary_credentials()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json(AssumeRoleXml(1, Now.AddHours(1))));
        using var pipeline = Pipeline(server.Endpoint, new ManualTimeProvider(Now));
        using var sts = new StsClient(pipeline);

        var result = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::111122223333:role/eksops-reader",
            ExternalId = "eksops-external",
            Duration = TimeSpan.FromMinutes(15),
        }, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        var form = Form(request);
        Assert.Equal("AssumeRole", form["Action"]);
        Assert.Equal("2011-06-15", form["Version"]);
        Assert.Equal("arn:aws:iam::111122223333:role/eksops-reader", form["RoleArn"]);
        Assert.Equal("eksops", form["RoleSessionName"]);
        Assert.Equal("900", form["DurationSeconds"]);
        Assert.Equal("eksops-external", form["ExternalId"]);
        Assert.Contains("Credential=AKIDEXAMPLE/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-west-1/sts/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("ASIAEKSOPS0000000001", result.Credentials.AccessKeyId);
        Assert.Equal("secret-1", result.Credentials.SecretAccessKey);
        Assert.Equal("session-token-1", result.Credentials.SessionToken);
        Assert.Equal(Now.AddHours(1), result.Credentials.Expiration);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/eksops-reader/eksops", result.AssumedRoleArn);
        Assert.Equal("AROAEKSOPSROLE:eksops", result.AssumedRoleId);
        Assert.DoesNotContain("secret-1", result.Credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task STS_errors_become_AwsServiceException_with_code_status_and_request_id()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Error(403, """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed to assume eksops-reader</Message></Error>
              <RequestId>req-denied</RequestId>
            </ErrorResponse>
            """));
        using var pipeline = Pipeline(server.Endpoint, new ManualTimeProvider(Now));
        using var sts = new StsClient(pipeline);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/eksops-reader" }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal("not allowed to assume eksops-reader", error.ErrorMessage);
        Assert.Equal("req-denied", error.RequestId);
        Assert.Equal("Sender", error.Fault);
        Assert.Equal("sts", error.Service);
        Assert.Equal("AssumeRole", error.Operation);
    }

    [Fact]
    public async Task Assumed_credentials_are_reused_until_five_minutes_before_they_expire_then_renewed()
    {
        var calls = 0;
        var time = new ManualTimeProvider(Now);
        await using var server = LoopbackAwsServer.Start((_, _) =>
        {
            var n = Interlocked.Increment(ref calls);
            return ScriptedResponse.Json(AssumeRoleXml(n, time.GetUtcNow().AddMinutes(15)));
        });
        using var pipeline = Pipeline(server.Endpoint, time);
        using var sts = new StsClient(pipeline);
        using var credentials = new AssumedRoleCredentials(sts, new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/eksops-reader" });

        Assert.Null(credentials.Expiration);
        var first = await credentials.GetCredentialsAsync();
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var reused = await credentials.GetCredentialsAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = await credentials.GetCredentialsAsync();

        Assert.Equal("ASIAEKSOPS0000000001", first.AccessKey);
        Assert.Equal("session-token-1", first.Token);
        Assert.Equal(first.AccessKey, reused.AccessKey);
        Assert.Equal("ASIAEKSOPS0000000002", renewed.AccessKey);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(Now.AddMinutes(10).AddMinutes(15).UtcDateTime, credentials.Expiration);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/eksops-reader/eksops", credentials.AssumedRoleArn);
    }

    [Fact]
    public async Task Concurrent_first_uses_assume_the_role_once()
    {
        await using var server = LoopbackAwsServer.Script(ScriptedResponse.Json(AssumeRoleXml(1, Now.AddHours(1))) with { Delay = TimeSpan.FromMilliseconds(50) });
        using var pipeline = Pipeline(server.Endpoint, new ManualTimeProvider(Now));
        using var sts = new StsClient(pipeline);
        using var credentials = new AssumedRoleCredentials(sts, new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/eksops-reader" });

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(credentials.GetCredentialsAsync)));

        Assert.Single(server.Requests);
        Assert.All(all, c => Assert.Equal("ASIAEKSOPS0000000001", c.AccessKey));
    }

    [Fact]
    public async Task A_pipeline_on_assumed_credentials_signs_with_the_temporary_key_and_session_token()
    {
        await using var server = LoopbackAwsServer.Start((request, _) => request.Target is null
            ? ScriptedResponse.Json(AssumeRoleXml(7, Now.AddHours(1)))
            : ScriptedResponse.Json("{}"));
        var time = new ManualTimeProvider(Now);
        using var home = Pipeline(server.Endpoint, time);
        using var sts = new StsClient(home);
        using var credentials = new AssumedRoleCredentials(sts, new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/eksops-reader" });
        using var remote = Pipeline(server.Endpoint, time, credentials);

        await new EksOps.Aws.StepFunctions.StepFunctionsClient(remote).SendTaskHeartbeatAsync("t", TestContext.Current.CancellationToken);

        var call = server.Requests.Single(r => r.Target is not null);
        Assert.Contains("Credential=ASIAEKSOPS0000000007/", call.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("x-amz-security-token", call.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("session-token-7", call.Header("X-Amz-Security-Token"));
    }
}
