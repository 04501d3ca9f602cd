using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools.Tests;

public sealed class ApprovalTokenTests
{
    private readonly ManualTime _clock = new(Fixtures.Now);

    private ApprovalTokens Tokens => Fixtures.Approvals(_clock);

    private static ProposedChange Change => Fixtures.ScaleChange(Fixtures.Production);

    [Fact]
    public void A_token_approves_exactly_the_change_it_was_issued_for()
    {
        string token = Tokens.Issue(Change, "oncall@example.com", TimeSpan.FromMinutes(10));

        var check = Tokens.Verify(token, Change);

        Assert.True(check.IsValid, check.Reason);
        Assert.Equal("oncall@example.com", check.Approver);
        Assert.Equal(Fixtures.Now + TimeSpan.FromMinutes(10), check.ExpiresAt);
        Assert.StartsWith("eksops-approval-v1.", token, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_patch_with_keys_in_another_order_is_the_same_change()
    {
        var a = Change with { Patch = JsonNode.Parse("""{"spec": {"replicas": 4, "paused": false}}""")!.AsObject() };
        var b = Change with { Patch = JsonNode.Parse("""{"spec": {"paused": false, "replicas": 4.0}}""")!.AsObject() };

        Assert.Equal(a.PatchHash, b.PatchHash);
        Assert.True(Tokens.Verify(Tokens.Issue(a, "me", TimeSpan.FromMinutes(1)), b).IsValid);
    }

    public static TheoryData<string, Func<ProposedChange, ProposedChange>, string> OtherChanges() => new()
    {
        { "another patch", c => c with { Patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 40 } } }, "a different change (patch" },
        { "another cluster", c => c with { Cluster = "stage-eks" }, "cluster prod-eks, not stage-eks" },
        { "another namespace", c => c with { Namespace = "payments" }, "namespace shop, not payments" },
        { "another target", c => c with { Target = "Deployment/cart" }, "Deployment/checkout, not Deployment/cart" },
        { "another runbook", c => c with { Runbook = RunbookId.RestartRollout }, "runbook scale-deployment, not restart-rollout" },
    };

    [Theory]
    [MemberData(nameof(OtherChanges))]
    public void A_token_is_refused_for_any_other_change_with_the_reason(string what, Func<ProposedChange, ProposedChange> alter, string reason)
    {
        string token = Tokens.Issue(Change, "me", TimeSpan.FromMinutes(10));

        var check = Tokens.Verify(token, alter(Change));

        Assert.False(check.IsValid, what);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_is_refused_from_the_second_it_expires()
    {
        string token = Tokens.Issue(Change, "me", TimeSpan.FromMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.True(Tokens.Verify(token, Change).IsValid);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var check = Tokens.Verify(token, Change);

        Assert.False(check.IsValid);
        Assert.Equal("it expired at 2026-11-20T10:12:00Z", check.Reason);
    }

    [Fact]
    public void Any_altered_byte_breaks_the_signature()
    {
        string token = Tokens.Issue(Change, "me", TimeSpan.FromMinutes(10));
        string[] parts = token.Split('.');
        for (int i = 0; i < parts[1].Length; i += 7)
        {
            char[] payload = parts[1].ToCharArray();
            payload[i] = payload[i] == 'x' ? 'y' : 'x';
            var check = Tokens.Verify($"{parts[0]}.{new string(payload)}.{parts[2]}", Change);
            Assert.False(check.IsValid, $"byte {i}");
        }

        Assert.Contains("signature does not match", Tokens.Verify($"{parts[0]}.{parts[1]}.{parts[2][1..]}A", Change).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_signed_with_another_secret_is_refused()
    {
        string token = new ApprovalTokens(Fixtures.OtherKey, time: _clock).Issue(Change, "me", TimeSpan.FromMinutes(10));

        Assert.Contains("unknown key", Tokens.Verify(token, Change).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_previous_key_still_verifies_during_a_rotation()
    {
        string token = new ApprovalTokens(Fixtures.OtherKey, time: _clock).Issue(Change, "me", TimeSpan.FromMinutes(10));

        Assert.True(new ApprovalTokens(Fixtures.Key, [Fixtures.OtherKey], time: _clock).Verify(token, Change).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("eksops-approval-v1.!!!.???")]
    [InlineData("eksops-approval-v2.e30.AAAA")]
    public void Garbage_is_refused_without_throwing(string token)
    {
        Assert.False(Tokens.Verify(token, Change).IsValid);
    }

    [Fact]
    public void Lifetimes_are_capped_when_issuing_and_when_verifying()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokens.Issue(Change, "me", TimeSpan.FromHours(2)));

        string longLived = new ApprovalTokens(Fixtures.Key, maxLifetime: TimeSpan.FromDays(1), time: _clock).Issue(Change, "me", TimeSpan.FromHours(5));
        Assert.Contains("lifetime exceeds", Tokens.Verify(longLived, Change).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_must_be_long_enough_and_options_read_them_from_base64()
    {
        Assert.Throws<ArgumentException>(() => new ApprovalKey(new byte[16]));

        var options = ToolPolicyOptions.FromEnvironment(name => name switch
        {
            "EKSOPS_APPROVAL_SECRET" => Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            "EKSOPS_APPROVAL_MAX_LIFETIME_SECONDS" => "600",
            _ => null,
        }, _clock);

        Assert.Equal(TimeSpan.FromMinutes(10), options.Approvals!.MaxLifetime);
        Assert.True(options.Approvals.Verify(Tokens.Issue(Change, "me", TimeSpan.FromMinutes(5)), Change).IsValid);
    }
}
