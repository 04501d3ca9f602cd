using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using EksOps.Aws.StepFunctions;

namespace EksOps.Approval;

/// <summary>
/// Issues and verifies <see cref="ApprovalLink"/>s: HMAC-SHA256 with the current key, verification with the current
/// or a previous key (rotation), constant-time comparison, expiry against the clock. Single use and the plan's patch
/// hash are checked against the incident store by the decision handler, not here.
/// </summary>
public sealed class ApprovalLinkSigner
{
    private readonly ApprovalLinkKey _signingKey;
    private readonly Dictionary<string, ApprovalLinkKey> _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates the signer.</summary>
    /// <param name="signingKey">The key new links are signed with (and verified with).</param>
    /// <param name="previousKeys">Keys still accepted for verification during a rotation.</param>
    /// <param name="time">The clock expiry is checked against; default the system clock.</param>
    public ApprovalLinkSigner(ApprovalLinkKey signingKey, IEnumerable<ApprovalLinkKey>? previousKeys = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        _signingKey = signingKey;
        _keys = new Dictionary<string, ApprovalLinkKey>(StringComparer.Ordinal) { [signingKey.Id] = signingKey };
        foreach (var key in previousKeys ?? [])
        {
            _keys.TryAdd(key.Id, key);
        }

        _time = time ?? TimeProvider.System;
    }

    /// <summary>The keys links are verified with: the signing key and the previous keys.</summary>
    public IReadOnlyCollection<ApprovalLinkKey> Keys => _keys.Values;

    /// <summary>Issues a link deciding <paramref name="decision"/> for the plan with <paramref name="patchHash"/>.</summary>
    /// <param name="incidentId">The incident (a valid execution name).</param>
    /// <param name="decision">Approve or deny.</param>
    /// <param name="patchHash">The plan's patch hash (<c>sha256:</c> and 64 hex digits).</param>
    /// <param name="expiresAt">When the link stops working (cut to whole seconds).</param>
    /// <returns>The signed link, with a fresh nonce.</returns>
    /// <exception cref="ArgumentException">The incident id or patch hash is malformed.</exception>
    public ApprovalLink Create(string incidentId, ApprovalDecision decision, string patchHash, DateTimeOffset expiresAt)
    {
        ExecutionNames.Validate(incidentId, nameof(incidentId));
        ArgumentNullException.ThrowIfNull(patchHash);
        if (!ApprovalLink.IsPatchHash(patchHash))
        {
            throw new ArgumentException("A patch hash is 'sha256:' and 64 lowercase hex digits.", nameof(patchHash));
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        string nonce = ApprovalLink.NewNonce();
        byte[] mac = _signingKey.Sign(ApprovalLink.SignedText(incidentId, decision, patchHash, expires, nonce));
        return new ApprovalLink
        {
            IncidentId = incidentId,
            Decision = decision,
            PatchHash = patchHash,
            ExpiresAt = expires,
            Nonce = nonce,
            KeyId = _signingKey.Id,
            Signature = Base64Url.EncodeToString(mac),
        };
    }

    /// <summary>Checks the link's signature (constant time), then its expiry.</summary>
    /// <param name="link">The link as presented.</param>
    /// <returns>Valid, or why not.</returns>
    public ApprovalLinkCheck Verify(ApprovalLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!_keys.TryGetValue(link.KeyId, out var key))
        {
            return new ApprovalLinkCheck(ApprovalLinkStatus.UnknownKey, "this link was signed with a key this deployment no longer has; ask for a new approval request");
        }

        byte[] presented;
        try
        {
            presented = Base64Url.DecodeFromChars(link.Signature);
        }
        catch (FormatException)
        {
            return new ApprovalLinkCheck(ApprovalLinkStatus.BadSignature, "this link's signature is not valid; open the link exactly as it was sent");
        }

        byte[] expected = key.Sign(ApprovalLink.SignedText(link.IncidentId, link.Decision, link.PatchHash, link.ExpiresAt, link.Nonce));
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return new ApprovalLinkCheck(ApprovalLinkStatus.BadSignature, "this link's signature does not match: it was altered, or it was not issued by this deployment");
        }

        return _time.GetUtcNow() >= link.ExpiresAt
            ? new ApprovalLinkCheck(ApprovalLinkStatus.Expired, $"this approval link expired at {Iso(link.ExpiresAt)}")
            : new ApprovalLinkCheck(ApprovalLinkStatus.Valid, $"valid until {Iso(link.ExpiresAt)}");
    }

    internal static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
