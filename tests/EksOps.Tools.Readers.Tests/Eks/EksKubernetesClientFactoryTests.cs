using System.Security.Authentication;
using k8s;

namespace EksOps.Tools.Readers.Tests.Eks;

public sealed class EksKubernetesClientFactoryTests
{
    private static readonly Uri RegionalSts = new($"https://sts.{EksHarness.Region}.amazonaws.com/");

    [Fact]
    public async Task The_client_reaches_the_described_endpoint_through_the_cluster_CA_with_a_token_signed_for_the_cluster()
    {
        await using var harness = await EksHarness.StartAsync();
        harness.DescribeAsServed();

        var client = harness.Factory.GetClient(EksHarness.Cluster());
        var pod = await EksHarness.ReadPodAsync(client);

        Assert.Equal("checkout-7d4c", pod.Metadata.Name);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal(harness.ApiServer.Endpoint.Authority, client.BaseUri.Authority);
        var token = Assert.Single(harness.ApiServer.AcceptedTokens);
        Assert.Equal(RegionalSts.Host, token.Url.Host);
        Assert.Equal(EksHarness.HomeAccessKeyId, token.AccessKeyId);
        Assert.Equal(harness.Time.GetUtcNow(), token.SignedAt);
        Assert.Null(token.SecurityToken);
        var describe = Assert.Single(harness.Aws.Requests);
        Assert.Equal(("GET", "/clusters/prod"), (describe.Method, describe.Path));
        // Requests are signed at the real time (the injected clock only dates tokens); the scope names key, Region and service.
        Assert.Matches($@"Credential={EksHarness.HomeAccessKeyId}/\d{{8}}/{EksHarness.Region}/eks/aws4_request", describe.Authorization);
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_rejected_before_any_request()
    {
        using var stranger = TestCertificates.CreateAuthority("kubernetes");
        await using var harness = await EksHarness.StartAsync(servingCertificate: _ => TestCertificates.IssueServer(stranger));
        harness.DescribeAsServed();

        var client = harness.Factory.GetClient(EksHarness.Cluster());
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => EksHarness.ReadPodAsync(client));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Equal(0, harness.ApiServer.Requests);
    }

    [Fact]
    public async Task A_certificate_from_the_cluster_CA_for_another_host_is_rejected()
    {
        await using var harness = await EksHarness.StartAsync(servingCertificate: ca => TestCertificates.IssueServer(ca, "abc123.gr7.eu-west-1.eks.amazonaws.com"));
        harness.DescribeAsServed();

        var client = harness.Factory.GetClient(EksHarness.Cluster());
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => EksHarness.ReadPodAsync(client));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Equal(0, harness.ApiServer.Requests);
    }

    [Fact]
    public async Task A_token_is_reused_inside_its_refresh_window_and_replaced_once_past_it()
    {
        await using var harness = await EksHarness.StartAsync();
        harness.DescribeAsServed();
        var start = harness.Time.GetUtcNow();
        var client = harness.Factory.GetClient(EksHarness.Cluster());

        await EksHarness.ReadPodAsync(client);
        harness.Time.Advance(TimeSpan.FromMinutes(13) + TimeSpan.FromSeconds(59));
        await EksHarness.ReadPodAsync(harness.Factory.GetClient(EksHarness.Cluster()));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await EksHarness.ReadPodAsync(harness.Factory.GetClient(EksHarness.Cluster()));

        var tokens = harness.ApiServer.AcceptedTokens;
        Assert.Equal(3, tokens.Count);
        Assert.Equal(start, tokens[0].SignedAt);
        Assert.Equal(tokens[0].Value, tokens[1].Value);
        Assert.Equal(start + TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(1), tokens[2].SignedAt);
        Assert.NotEqual(tokens[0].Value, tokens[2].Value);
        Assert.Equal(1, harness.Aws.DescribeCalls("prod"));
    }

    [Fact]
    public async Task With_a_role_the_function_assumes_it_and_the_role_signs_DescribeCluster_and_the_tokens()
    {
        await using var harness = await EksHarness.StartAsync(stsOnLoopback: true);
        harness.DescribeAsServed();
        var cluster = EksHarness.Cluster(roleArn: EksHarness.RoleArn);

        await EksHarness.ReadPodAsync(harness.Factory.GetClient(cluster));
        await EksHarness.ReadPodAsync(harness.Factory.GetClient(cluster));

        var (roleKey, _, roleSessionToken) = FakeAws.RoleCredentials(1);
        var assume = Assert.Single(harness.Aws.Requests, r => r.Method == "POST");
        Assert.Equal(EksHarness.RoleArn, assume.Form["RoleArn"]);
        Assert.Equal("eksops", assume.Form["RoleSessionName"]);
        Assert.Matches($@"Credential={EksHarness.HomeAccessKeyId}/\d{{8}}/{EksHarness.Region}/sts/aws4_request", assume.Authorization);
        var describe = Assert.Single(harness.Aws.Requests, r => r.Method == "GET");
        Assert.Contains($"Credential={roleKey}/", describe.Authorization, StringComparison.Ordinal);
        Assert.All(harness.ApiServer.AcceptedTokens, token =>
        {
            Assert.Equal(roleKey, token.AccessKeyId);
            Assert.Equal(roleSessionToken, token.SecurityToken);
        });
        Assert.Equal(2, harness.ApiServer.AcceptedTokens.Count);
    }

    [Fact]
    public async Task DescribeCluster_is_called_once_per_cluster_however_many_callers_ask_at_once()
    {
        await using var harness = await EksHarness.StartAsync();
        harness.DescribeAsServed("prod");
        harness.DescribeAsServed("stage");

        var clients = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => harness.Factory.GetClient(EksHarness.Cluster(i % 2 == 0 ? "prod" : "stage")), TestContext.Current.CancellationToken)));

        Assert.Single(clients.Where((_, i) => i % 2 == 0).Distinct());
        Assert.Single(clients.Where((_, i) => i % 2 == 1).Distinct());
        Assert.NotSame(clients[0], clients[1]);
        Assert.Equal(1, harness.Aws.DescribeCalls("prod"));
        Assert.Equal(1, harness.Aws.DescribeCalls("stage"));
    }

    [Fact]
    public async Task A_registry_endpoint_and_CA_are_used_as_given_without_DescribeCluster()
    {
        await using var harness = await EksHarness.StartAsync();
        var cluster = EksHarness.Cluster(endpoint: harness.ApiServer.Endpoint, certificateAuthorityData: harness.AuthorityData);

        var pod = await EksHarness.ReadPodAsync(harness.Factory.GetClient(cluster));

        Assert.Equal("checkout-7d4c", pod.Metadata.Name);
        Assert.Empty(harness.Aws.Requests);
        Assert.Single(harness.ApiServer.AcceptedTokens);
    }

    [Fact]
    public async Task An_unknown_cluster_is_unknown_cluster_and_the_failure_is_not_kept()
    {
        await using var harness = await EksHarness.StartAsync();

        var error = Assert.Throws<ToolException>(() => harness.Factory.GetClient(EksHarness.Cluster()));
        Assert.Equal("unknown_cluster", error.Code);
        Assert.Equal("EKS has no cluster named prod in eu-west-1 (account 111122223333)", error.Message);

        harness.DescribeAsServed();
        var pod = await EksHarness.ReadPodAsync(harness.Factory.GetClient(EksHarness.Cluster()));

        Assert.Equal("checkout-7d4c", pod.Metadata.Name);
        Assert.Equal(2, harness.Aws.DescribeCalls("prod"));
    }

    [Theory]
    [InlineData("CREATING", false, false, "EKS cluster prod in eu-west-1 (account 111122223333) is CREATING, not ACTIVE")]
    [InlineData("FAILED", true, true, "EKS cluster prod in eu-west-1 (account 111122223333) is FAILED, not ACTIVE")]
    [InlineData("ACTIVE", false, true, "EKS cluster prod in eu-west-1 (account 111122223333) has no https API server endpoint")]
    [InlineData("ACTIVE", true, false, "EKS cluster prod in eu-west-1 (account 111122223333) has no certificate authority data")]
    public async Task A_cluster_that_is_not_serving_is_cluster_unreachable(string status, bool endpoint, bool authority, string message)
    {
        await using var harness = await EksHarness.StartAsync();
        harness.Aws.SetCluster("prod", endpoint ? harness.ApiServer.Endpoint : null, authority ? harness.AuthorityData : null, status);

        var error = await Assert.ThrowsAsync<ToolException>(() => harness.Factory.GetClientAsync(EksHarness.Cluster(), TestContext.Current.CancellationToken));

        Assert.Equal("cluster_unreachable", error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(0, harness.ApiServer.Requests);
    }

    [Fact]
    public async Task A_role_STS_refuses_is_cluster_unreachable_naming_the_role()
    {
        await using var harness = await EksHarness.StartAsync(stsOnLoopback: true);
        harness.DescribeAsServed();
        harness.Aws.DenyAssumeRole = true;

        var error = Assert.Throws<ToolException>(() => harness.Factory.GetClient(EksHarness.Cluster(roleArn: EksHarness.RoleArn)));

        Assert.Equal("cluster_unreachable", error.Code);
        Assert.StartsWith(
            $"cannot look up EKS cluster prod in eu-west-1 (account 111122223333, role {EksHarness.RoleArn}): assuming role {EksHarness.RoleArn} failed (AccessDenied): ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal(0, harness.Aws.DescribeCalls("prod"));
    }

    [Fact]
    public async Task Registry_CA_data_that_is_not_a_PEM_certificate_is_cluster_unreachable()
    {
        await using var harness = await EksHarness.StartAsync();
        var cluster = EksHarness.Cluster(endpoint: harness.ApiServer.Endpoint, certificateAuthorityData: Convert.ToBase64String("not a certificate"u8));

        var error = Assert.Throws<ToolException>(() => harness.Factory.GetClient(cluster));

        Assert.Equal("cluster_unreachable", error.Code);
        Assert.Equal("the certificate authority of cluster prod holds no certificate", error.Message);
    }
}
