using System.Security.Cryptography;

namespace EksOps.Tools;

/// <summary>A deployment secret that signs and verifies approval tokens (HMAC-SHA256). At least 32 bytes.</summary>
public sealed class ApprovalKey
{
    /// <summary>The fewest secret bytes accepted.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _secret;

    /// <summary>Creates a key from secret bytes.</summary>
    /// <param name="secret">The secret, at least <see cref="MinimumLength"/> bytes (for example 32 random bytes).</param>
    /// <exception cref="ArgumentException">The secret is too short.</exception>
    public ApprovalKey(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinimumLength)
        {
            throw new ArgumentException($"An approval key needs at least {MinimumLength} bytes; got {secret.Length}.", nameof(secret));
        }

        _secret = secret.ToArray();
        Id = Convert.ToHexStringLower(SHA256.HashData(_secret).AsSpan(0, 4));
    }

    /// <summary>A short public id of the key (the first 8 hex digits of its SHA-256), carried in tokens so rotation works.</summary>
    public string Id { get; }

    /// <summary>Reads a key from base64 (how <c>EKSOPS_APPROVAL_SECRET</c> holds it).</summary>
    /// <param name="base64">The base64 text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">Not base64.</exception>
    /// <exception cref="ArgumentException">Too short.</exception>
    public static ApprovalKey FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return new ApprovalKey(Convert.FromBase64String(base64.Trim()));
    }

    internal byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_secret, data);
}
