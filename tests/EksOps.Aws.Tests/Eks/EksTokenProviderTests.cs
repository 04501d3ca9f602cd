using Amazon.Runtime;
using EksOps.Aws.Eks;
using EksOps.Aws.Http;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.Eks;

public sealed class EksTokenProviderTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "FwoGZXIvYXdzEPT//////////wEaDEXAMPLE+token==";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static AwsHttpPipeline Pipeline(TimeProvider time, AWSCredentials credentials) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = credentials,
        GetEnvironmentVariable = _ => null,
        TimeProvider = time,
    });

    [Fact]
    public async Task The_token_is_the_same_presigned_url_botocore_makes_for_long_term_credentials()
    {
        using var pipeline = Pipeline(new ManualTimeProvider(Now), new BasicAWSCredentials(AccessKey, Secret));

        var token = await new EksTokenProvider(pipeline).GetTokenAsync("prod", TestContext.Current.CancellationToken);

        // botocore 1.43.11 SigV4QueryAuth (what `aws eks get-token` uses), same key, time, region and cluster.
        Assert.Equal(
            "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Feu-west-1%2Fsts%2Faws4_request&X-Amz-Date=20260101T120000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Signature=8e4b4f5d05b7dff949187360e5d55e09b3b8ad03f139267a89d69087499f3590",
            EksTokenVerifier.Decode(token.Value).Url.OriginalString);
    }

    [Fact]
    public async Task The_token_is_the_same_presigned_url_botocore_makes_for_session_credentials()
    {
        using var pipeline = Pipeline(new ManualTimeProvider(Now), new SessionAWSCredentials(AccessKey, Secret, SessionToken));

        var token = await new EksTokenProvider(pipeline).GetTokenAsync("prod", TestContext.Current.CancellationToken);

        Assert.Equal(
            "https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Feu-west-1%2Fsts%2Faws4_request&X-Amz-Date=20260101T120000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token=FwoGZXIvYXdzEPT%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaDEXAMPLE%2Btoken%3D%3D&X-Amz-Signature=6e3febd7737015d64b0881cf9bbca2280db09674fdb8720ccc427c63d7d9ffbc",
            EksTokenVerifier.Decode(token.Value).Url.OriginalString);
    }

    [Fact]
    public async Task The_decoded_url_is_a_regional_sts_GetCallerIdentity_presigned_for_sixty_seconds_over_host_and_the_cluster_header()
    {
        using var pipeline = Pipeline(new ManualTimeProvider(Now.AddMilliseconds(750)), new SessionAWSCredentials(AccessKey, Secret, SessionToken));

        var token = await new EksTokenProvider(pipeline).GetTokenAsync("prod-eu", TestContext.Current.CancellationToken);
        var url = EksTokenVerifier.Decode(token.Value);

        Assert.Equal("https", url.Url.Scheme);
        Assert.Equal("sts.eu-west-1.amazonaws.com", url.Url.Authority);
        Assert.Equal("/", url.Url.AbsolutePath);
        Assert.Equal(
            ["Action", "Version", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature"],
            url.Query.Select(p => p.Key));
        Assert.Equal("GetCallerIdentity", url["Action"]);
        Assert.Equal("2011-06-15", url["Version"]);
        Assert.Equal("AWS4-HMAC-SHA256", url["X-Amz-Algorithm"]);
        Assert.Equal("AKIDEXAMPLE/20260101/eu-west-1/sts/aws4_request", url["X-Amz-Credential"]);
        Assert.Equal("20260101T120000Z", url["X-Amz-Date"]);
        Assert.Equal("60", url["X-Amz-Expires"]);
        Assert.Equal("host;x-k8s-aws-id", url["X-Amz-SignedHeaders"]);
        Assert.Equal(SessionToken, url["X-Amz-Security-Token"]);
        Assert.Matches("^[0-9a-f]{64}$", url["X-Amz-Signature"]);
        url.AssertSignedFor(Secret, "prod-eu");
        url.AssertAcceptableToAuthenticator(Now.AddMinutes(14));
        Assert.NotEqual(url.ExpectedSignature(Secret, "prod-us"), url["X-Amz-Signature"]);
        Assert.NotEqual(url.ExpectedSignature("another-secret", "prod-eu"), url["X-Amz-Signature"]);
        Assert.True(token.Value.Length <= 4096);
        Assert.DoesNotContain("=", token.Value["k8s-aws-v1.".Length..], StringComparison.Ordinal);
        Assert.Equal("prod-eu", token.ClusterId);
        Assert.Equal(Now, token.SignedAt);
        Assert.Equal(Now.AddMinutes(15), token.ExpiresAt);
        Assert.DoesNotContain(token.Value, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Outposts_local_cluster_is_signed_for_its_id_rather_than_its_name()
    {
        using var pipeline = Pipeline(new ManualTimeProvider(Now), new BasicAWSCredentials(AccessKey, Secret));

        var token = await new EksTokenProvider(pipeline).GetTokenAsync(
            new EksCluster { Name = "edge", Id = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111" }, TestContext.Current.CancellationToken);

        Assert.Equal("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", token.ClusterId);
        EksTokenVerifier.Decode(token.Value).AssertSignedFor(Secret, "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111");
    }

    [Fact]
    public async Task A_token_is_reused_per_cluster_until_a_minute_before_it_expires_then_signed_anew()
    {
        var time = new ManualTimeProvider(Now);
        using var pipeline = Pipeline(time, new BasicAWSCredentials(AccessKey, Secret));
        var provider = new EksTokenProvider(pipeline);
        var ct = TestContext.Current.CancellationToken;

        var first = await provider.GetTokenAsync("prod", ct);
        var other = await provider.GetTokenAsync("staging", ct);
        time.Advance(TimeSpan.FromMinutes(14) - TimeSpan.FromSeconds(1));
        var reused = await provider.GetTokenAsync("prod", ct);
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = await provider.GetTokenAsync("prod", ct);

        Assert.Same(first, reused);
        Assert.NotEqual(first.Value, other.Value);
        Assert.NotSame(first, renewed);
        Assert.Equal(Now.AddMinutes(14), renewed.SignedAt);
        Assert.Equal("20260101T121400Z", EksTokenVerifier.Decode(renewed.Value)["X-Amz-Date"]);
        EksTokenVerifier.Decode(renewed.Value).AssertSignedFor(Secret, "prod");
    }

    [Fact]
    public async Task Invalidate_drops_the_cached_token_of_one_cluster()
    {
        var time = new ManualTimeProvider(Now);
        using var pipeline = Pipeline(time, new BasicAWSCredentials(AccessKey, Secret));
        var provider = new EksTokenProvider(pipeline);
        var ct = TestContext.Current.CancellationToken;
        var first = await provider.GetTokenAsync("prod", ct);
        var other = await provider.GetTokenAsync("staging", ct);

        provider.Invalidate("prod");

        Assert.NotSame(first, await provider.GetTokenAsync("prod", ct));
        Assert.Same(other, await provider.GetTokenAsync("staging", ct));
    }

    [Fact]
    public async Task A_token_never_outlives_the_temporary_credentials_it_was_signed_with()
    {
        var time = new ManualTimeProvider(Now);
        var credentials = new SessionAWSCredentials(AccessKey, Secret, SessionToken) { Expiration = Now.AddMinutes(5).UtcDateTime };
        using var pipeline = Pipeline(time, credentials);
        var provider = new EksTokenProvider(pipeline);
        var ct = TestContext.Current.CancellationToken;

        var first = await provider.GetTokenAsync("prod", ct);
        time.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        var reused = await provider.GetTokenAsync("prod", ct);
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = await provider.GetTokenAsync("prod", ct);

        Assert.Equal(Now.AddMinutes(5), first.ExpiresAt);
        Assert.Same(first, reused);
        Assert.NotSame(first, renewed);
    }

    [Fact]
    public async Task The_sts_endpoint_override_is_where_the_token_points()
    {
        using var pipeline = new AwsHttpPipeline(new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials(AccessKey, Secret),
            GetEnvironmentVariable = name => name == "EKSOPS_ENDPOINT_STS" ? "http://127.0.0.1:4566" : null,
            TimeProvider = new ManualTimeProvider(Now),
        });

        var token = await new EksTokenProvider(pipeline).GetTokenAsync("prod", TestContext.Current.CancellationToken);
        var url = EksTokenVerifier.Decode(token.Value);

        Assert.Equal("http://127.0.0.1:4566/", url.Url.GetLeftPart(UriPartial.Path));
        url.AssertSignedFor(Secret, "prod");
    }

    [Fact]
    public void A_refresh_margin_that_leaves_no_usable_lifetime_is_refused()
    {
        using var pipeline = Pipeline(new ManualTimeProvider(Now), new BasicAWSCredentials(AccessKey, Secret));

        Assert.Throws<ArgumentOutOfRangeException>(() => new EksTokenProvider(pipeline, TimeSpan.FromMinutes(14.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EksTokenProvider(pipeline, TimeSpan.FromSeconds(-1)));
    }
}
