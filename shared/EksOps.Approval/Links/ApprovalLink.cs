using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using EksOps.Approval.Internal;
using EksOps.Aws.StepFunctions;

namespace EksOps.Approval;

/// <summary>
/// One signed decision link: <c>&lt;EKSOPS_APPROVAL_URL&gt;/decide?incident=…&amp;decision=approve|deny&amp;patch=sha256:…&amp;expires=&lt;unix seconds&gt;&amp;nonce=…&amp;kid=…&amp;sig=…</c>.
/// The signature (HMAC-SHA256, base64url) covers the incident id, the decision, the plan's patch hash, the expiry and
/// the nonce; <c>kid</c> names the key. The link carries no task token: the function looks it up in the incident store.
/// </summary>
public sealed record ApprovalLink
{
    /// <summary>The path, below the approval URL, that links point to.</summary>
    public const string PathSegment = "decide";

    /// <summary>The version tag at the start of the signed text, so a future format cannot be confused with this one.</summary>
    internal const string SignedPrefix = "eksops-approval-link-v1";

    private const int NonceBytes = 16;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
    private const int SignatureBytes = 32;

    /// <summary>The incident (its Step Functions execution name).</summary>
    public required string IncidentId { get; init; }

    /// <summary>What clicking the link decides.</summary>
    public required ApprovalDecision Decision { get; init; }

    /// <summary>The patch hash of the plan the link was issued for; a link for another plan is refused.</summary>
    public required string PatchHash { get; init; }

    /// <summary>When the link stops working (whole seconds): the approval timeout.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>A random value (16 bytes, base64url) consumed on first use.</summary>
    public required string Nonce { get; init; }

    /// <summary>The <see cref="ApprovalLinkKey.Id"/> of the signing key.</summary>
    public required string KeyId { get; init; }

    /// <summary>The HMAC-SHA256 signature, base64url.</summary>
    public required string Signature { get; init; }

    /// <summary>The query string (without <c>?</c>) that carries the link's fields.</summary>
    /// <returns>The query string.</returns>
    public string ToQueryString() => string.Join('&',
        Field("incident", IncidentId),
        Field("decision", DecisionText.Of(Decision)),
        Field("patch", PatchHash),
        Field("expires", ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        Field("nonce", Nonce),
        Field("kid", KeyId),
        Field("sig", Signature));

    /// <summary>The full link below <paramref name="approvalUrl"/> (the Function URL, or whatever fronts it).</summary>
    /// <param name="approvalUrl">The base URL (<c>EKSOPS_APPROVAL_URL</c>).</param>
    /// <returns>The link.</returns>
    public Uri ToUri(Uri approvalUrl)
    {
        ArgumentNullException.ThrowIfNull(approvalUrl);
        var builder = new UriBuilder(approvalUrl)
        {
            Path = approvalUrl.AbsolutePath.TrimEnd('/') + "/" + PathSegment,
            Query = ToQueryString(),
            Fragment = string.Empty,
        };
        return builder.Uri;
    }

    /// <summary>Reads a link's fields from its query string, checking the shape of each; unknown fields are ignored.</summary>
    /// <param name="queryString">The query string, with or without <c>?</c>.</param>
    /// <param name="link">The link, when every field is present and well-formed.</param>
    /// <param name="error">What is missing or malformed, otherwise empty.</param>
    /// <returns>Whether the query string holds a well-formed link (the signature is not checked here).</returns>
    public static bool TryParse(string? queryString, [NotNullWhen(true)] out ApprovalLink? link, out string error)
    {
        link = null;
        if (!QueryString.TryParse(queryString, out var fields, out error))
        {
            return false;
        }

        string? Get(string name) => fields.TryGetValue(name, out string? value) ? value : null;
        string? incident = Get("incident");
        string? decisionText = Get("decision");
        string? patch = Get("patch");
        string? expires = Get("expires");
        string? nonce = Get("nonce");
        string? keyId = Get("kid");
        string? signature = Get("sig");
        string? missing = incident is null ? "incident" : decisionText is null ? "decision" : patch is null ? "patch"
            : expires is null ? "expires" : nonce is null ? "nonce" : keyId is null ? "kid" : signature is null ? "sig" : null;
        if (missing is not null)
        {
            error = $"the link has no '{missing}' field; open the link exactly as it was sent";
            return false;
        }

        error = !ExecutionNames.IsValid(incident) ? "the link's incident id is malformed"
            : !DecisionText.TryParse(decisionText, out _) ? "the link's decision is neither approve nor deny"
            : !IsPatchHash(patch!) ? "the link's patch hash is malformed"
            : !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out long unix) || unix > 253_402_300_799 ? "the link's expiry is malformed"
            : !IsBase64Url(nonce!, NonceBytes) ? "the link's nonce is malformed"
            : !IsKeyId(keyId!) ? "the link's key id is malformed"
            : !IsBase64Url(signature!, SignatureBytes) ? "the link's signature is malformed"
            : string.Empty;
        if (error.Length > 0)
        {
            return false;
        }

        link = new ApprovalLink
        {
            IncidentId = incident!,
            Decision = decisionText == DecisionText.Approve ? ApprovalDecision.Approve : ApprovalDecision.Deny,
            PatchHash = patch!,
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(expires!, NumberStyles.None, CultureInfo.InvariantCulture)),
            Nonce = nonce!,
            KeyId = keyId!,
            Signature = signature!,
        };
        return true;
    }

    /// <summary>A fresh nonce: 16 random bytes, base64url.</summary>
    internal static string NewNonce() => Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(NonceBytes));

    /// <summary>
    /// The signed text: the version tag and the fields, one per line. Every field is validated to contain no line
    /// break, so two different links never sign the same text.
    /// </summary>
    internal static byte[] SignedText(string incidentId, ApprovalDecision decision, string patchHash, DateTimeOffset expiresAt, string nonce) =>
        Encoding.UTF8.GetBytes(string.Join('\n',
            SignedPrefix,
            incidentId,
            DecisionText.Of(decision),
            patchHash,
            expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            nonce));

    internal static bool IsPatchHash(string value) =>
        value.Length == 71 && value.StartsWith("sha256:", StringComparison.Ordinal) && !value.AsSpan(7).ContainsAnyExcept(LowerHex);

    private static bool IsKeyId(string value) => value.Length == 8 && !value.AsSpan().ContainsAnyExcept(LowerHex);

    private static bool IsBase64Url(string value, int bytes) =>
        value.Length == Base64Url.GetEncodedLength(bytes) && Base64Url.IsValid(value, out int decoded) && decoded == bytes;

    private static string Field(string name, string value) => name + "=" + QueryString.Encode(value);
}
