using System.Net;
using Amazon.Runtime;
using EksOps.Aws.Eks;
using EksOps.Aws.Http;
using EksOps.Aws.Sts;
using EksOps.Aws.Tests.Eks;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.Sts;

[Collection(MotoGroup.Name)]
public sealed class MotoStsTests(IntegratedMotoServer moto)
{
    private const string RemoteRole = "arn:aws:iam::111122223333:role/eksops-reader";

    [Fact]
    public async Task GetCallerIdentity_names_the_moto_user_whose_key_signed_it()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();
        using var sts = new StsClient(pipeline);

        var identity = await sts.GetCallerIdentityAsync(TestContext.Current.CancellationToken);

        Assert.Equal("123456789012", identity.Account);
        Assert.Equal("arn:aws:iam::123456789012:user/eksops-tests", identity.Arn);
        Assert.False(string.IsNullOrEmpty(identity.UserId));
    }

    [Fact]
    public async Task AssumeRole_into_another_account_gives_credentials_that_moto_accepts_as_that_role()
    {
        moto.RequireAvailable();
        using var home = moto.Pipeline();
        using var sts = new StsClient(home);
        var ct = TestContext.Current.CancellationToken;

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RemoteRole, RoleSessionName = "eksops-test", Duration = TimeSpan.FromMinutes(15) }, ct);

        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(assumed.Credentials.SessionToken));
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/eksops-reader/eksops-test", assumed.AssumedRoleArn);
        Assert.InRange(assumed.Credentials.Expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));

        using var credentials = new AssumedRoleCredentials(sts, new AssumeRoleRequest { RoleArn = RemoteRole, RoleSessionName = "eksops-pipeline" });
        using var remote = new AwsHttpPipeline(new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = credentials,
            GetEnvironmentVariable = name => name == AwsEnvironment.EndpointVariable ? moto.Endpoint.ToString() : null,
        });
        using var remoteSts = new StsClient(remote);
        var identity = await remoteSts.GetCallerIdentityAsync(ct);

        Assert.Equal("111122223333", identity.Account);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/eksops-reader/eksops-pipeline", identity.Arn);
        Assert.NotNull(credentials.Expiration);

        // An EKS token signed with the assumed credentials carries their session token and never outlives them.
        var token = await new EksTokenProvider(remote).GetTokenAsync("remote-cluster", ct);
        var url = EksTokenVerifier.Decode(token.Value);
        var current = await credentials.GetCredentialsAsync();
        Assert.Equal(current.Token, url["X-Amz-Security-Token"]);
        url.AssertSignedFor(current.SecretKey, "remote-cluster");
        Assert.True(token.ExpiresAt <= new DateTimeOffset(credentials.Expiration!.Value));
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_a_signature_error()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(secret: "not-the-secret-moto-issued");
        using var sts = new StsClient(pipeline);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RemoteRole }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
    }

    [Fact]
    public async Task An_access_key_moto_never_issued_is_rejected()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(accessKeyId: "AKIAEKSOPSUNKNOWN000");
        using var sts = new StsClient(pipeline);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sts.GetCallerIdentityAsync(TestContext.Current.CancellationToken));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }
}
