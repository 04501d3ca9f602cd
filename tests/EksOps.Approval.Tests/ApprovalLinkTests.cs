using EksOps.Approval.Tests.Support;

namespace EksOps.Approval.Tests;

public sealed class ApprovalLinkTests
{
    private const string Incident = "checkout-memory-20260101T120000Z";
    private static readonly string Hash = "sha256:" + new string('a', 64);
    private static readonly ApprovalLinkKey Key = new(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly ApprovalLinkKey OtherKey = new(Enumerable.Repeat((byte)2, 32).ToArray());

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private ApprovalLink Create(ApprovalLinkSigner signer, ApprovalDecision decision = ApprovalDecision.Approve) =>
        signer.Create(Incident, decision, Hash, _clock.GetUtcNow() + TimeSpan.FromHours(1));

    [Fact]
    public void A_link_survives_its_query_string_and_verifies()
    {
        var signer = new ApprovalLinkSigner(Key, time: _clock);
        var link = Create(signer, ApprovalDecision.Deny);

        var uri = link.ToUri(new Uri("https://abc.lambda-url.eu-west-1.on.aws/"));
        Assert.True(ApprovalLink.TryParse(uri.Query, out var parsed, out string error), error);

        Assert.Equal("/decide", uri.AbsolutePath);
        Assert.Equal(link, parsed);
        Assert.Equal(ApprovalDecision.Deny, parsed.Decision);
        Assert.Equal(ApprovalLinkStatus.Valid, signer.Verify(parsed).Status);
    }

    [Fact]
    public void Links_keep_a_path_prefix_of_the_approval_url_and_carry_no_task_token()
    {
        var link = Create(new ApprovalLinkSigner(Key, time: _clock));

        var uri = link.ToUri(new Uri("https://approvals.example.com/eksops/"));

        Assert.Equal("/eksops/decide", uri.AbsolutePath);
        Assert.Equal(["decision", "expires", "incident", "kid", "nonce", "patch", "sig"], uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=')[0]).Order());
    }

    [Fact]
    public void Each_link_gets_its_own_nonce()
    {
        var signer = new ApprovalLinkSigner(Key, time: _clock);

        Assert.NotEqual(Create(signer).Nonce, Create(signer).Nonce);
    }

    public static TheoryData<string> Alterations => ["incident", "decision", "patch", "expires", "nonce", "sig"];

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Altering_any_signed_field_breaks_the_signature(string field)
    {
        var signer = new ApprovalLinkSigner(Key, time: _clock);
        var link = Create(signer);
        var altered = field switch
        {
            "incident" => link with { IncidentId = "another-incident" },
            "decision" => link with { Decision = ApprovalDecision.Deny },
            "patch" => link with { PatchHash = "sha256:" + new string('b', 64) },
            "expires" => link with { ExpiresAt = link.ExpiresAt + TimeSpan.FromDays(7) },
            "nonce" => link with { Nonce = Create(signer).Nonce },
            _ => link with { Signature = Create(signer).Signature },
        };

        var check = signer.Verify(altered);

        Assert.Equal(ApprovalLinkStatus.BadSignature, check.Status);
        Assert.False(check.IsValid);
    }

    [Fact]
    public void A_link_from_another_key_is_refused_and_a_previous_key_still_verifies_during_rotation()
    {
        var old = new ApprovalLinkSigner(OtherKey, time: _clock);
        var link = Create(old);

        Assert.Equal(ApprovalLinkStatus.UnknownKey, new ApprovalLinkSigner(Key, time: _clock).Verify(link).Status);
        Assert.Equal(ApprovalLinkStatus.Valid, new ApprovalLinkSigner(Key, [OtherKey], _clock).Verify(link).Status);
        Assert.Equal(Key.Id, Create(new ApprovalLinkSigner(Key, [OtherKey], _clock)).KeyId);
    }

    [Fact]
    public void A_link_expires_at_its_expiry()
    {
        var signer = new ApprovalLinkSigner(Key, time: _clock);
        var link = Create(signer);

        _clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.True(signer.Verify(link).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var check = signer.Verify(link);

        Assert.Equal(ApprovalLinkStatus.Expired, check.Status);
        Assert.Contains("2026-01-01T13:00:00Z", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_link_is_a_bad_signature_even_when_expired()
    {
        var signer = new ApprovalLinkSigner(Key, time: _clock);
        var link = Create(signer) with { IncidentId = "other" };
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(ApprovalLinkStatus.BadSignature, signer.Verify(link).Status);
    }

    [Theory]
    [InlineData("", "no 'incident' field")]
    [InlineData("incident=a&incident=b", "given more than once")]
    [InlineData("incident=has%20space&decision=approve&patch=p&expires=1&nonce=n&kid=k&sig=s", "incident id is malformed")]
    [InlineData("incident=i&decision=maybe&patch=p&expires=1&nonce=n&kid=k&sig=s", "neither approve nor deny")]
    [InlineData("incident=i&decision=approve&patch=md5:1&expires=1&nonce=n&kid=k&sig=s", "patch hash is malformed")]
    public void Malformed_query_strings_say_what_is_wrong(string query, string expected)
    {
        Assert.False(ApprovalLink.TryParse(query, out var link, out string error));

        Assert.Null(link);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_query_fields_are_ignored()
    {
        var link = Create(new ApprovalLinkSigner(Key, time: _clock));

        Assert.True(ApprovalLink.TryParse(link.ToQueryString() + "&utm_source=mail", out var parsed, out _));
        Assert.Equal(link, parsed);
    }

    [Fact]
    public void Keys_shorter_than_32_bytes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ApprovalLinkKey(new byte[31]));
        Assert.Throws<FormatException>(() => ApprovalLinkKey.FromBase64("not base64!"));
    }
}
