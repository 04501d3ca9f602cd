namespace EksOps.Aws.Sts;

/// <summary>Temporary credentials from STS. <see cref="ToString"/> shows only the access key id.</summary>
public sealed class TemporaryCredentials
{
    /// <summary>Creates the credentials.</summary>
    /// <param name="accessKeyId">The access key id (<c>ASIA…</c>).</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="sessionToken">The session token.</param>
    /// <param name="expiration">When they expire.</param>
    public TemporaryCredentials(string accessKeyId, string secretAccessKey, string sessionToken, DateTimeOffset expiration)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        ArgumentException.ThrowIfNullOrEmpty(sessionToken);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = sessionToken;
        Expiration = expiration;
    }

    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token.</summary>
    public string SessionToken { get; }

    /// <summary>When the credentials expire.</summary>
    public DateTimeOffset Expiration { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{AccessKeyId} (temporary, expires {Expiration:O})";
}
