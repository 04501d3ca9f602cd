using System.Security.Cryptography;

namespace EksOps.Approval;

/// <summary>
/// The secret that signs approval links (HMAC-SHA256), at least 32 bytes. It is not the policy's approval-token key
/// (<c>EKSOPS_APPROVAL_SECRET</c>): a link only lets its holder decide, a policy token lets a change be applied.
/// </summary>
public sealed class ApprovalLinkKey
{
    /// <summary>The fewest secret bytes accepted.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _secret;

    /// <summary>Creates a key from secret bytes.</summary>
    /// <param name="secret">The secret, at least <see cref="MinimumLength"/> bytes (for example 32 random bytes).</param>
    /// <exception cref="ArgumentException">The secret is too short.</exception>
    public ApprovalLinkKey(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinimumLength)
        {
            throw new ArgumentException($"An approval link key needs at least {MinimumLength} bytes; got {secret.Length}.", nameof(secret));
        }

        _secret = secret.ToArray();
        Id = Convert.ToHexStringLower(SHA256.HashData(_secret).AsSpan(0, 4));
    }

    /// <summary>A short public id of the key (8 hex digits of its SHA-256), carried in links so that a rotation keeps old links working.</summary>
    public string Id { get; }

    /// <summary>Reads a key from base64 (how <c>EKSOPS_APPROVAL_LINK_SECRET</c> holds it).</summary>
    /// <param name="base64">The base64 text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">Not base64.</exception>
    /// <exception cref="ArgumentException">Too short.</exception>
    public static ApprovalLinkKey FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return new ApprovalLinkKey(Convert.FromBase64String(base64.Trim()));
    }

    /// <summary>Whether this key holds the same secret bytes as <paramref name="secret"/> (to refuse reusing the policy key).</summary>
    internal bool HasSecret(ReadOnlySpan<byte> secret) => CryptographicOperations.FixedTimeEquals(_secret, secret);

    internal byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_secret, data);
}
