using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EksOps.Incidents;

namespace EksOps.Tools;

/// <summary>
/// Issues and verifies approval tokens bound to one exact change. A token is
/// <c>eksops-approval-v1.&lt;payload&gt;.&lt;mac&gt;</c>: the payload (base64url JSON) names the cluster, namespace,
/// target, runbook, the patch hash, the approver, when it was issued and when it expires; the MAC is HMAC-SHA256 over
/// the prefix and payload with a deployment secret. A token for another change, cluster, namespace or runbook, an
/// expired one, one living longer than <see cref="MaxLifetime"/>, or one whose bytes were altered is refused.
/// </summary>
/// <remarks>
/// Tokens are not single-use: within their (short) life the same exact change may be applied again, which for the
/// catalogue's runbooks repeats an idempotent patch. Keep lifetimes short; rotate keys with <c>previousKeys</c>.
/// </remarks>
public sealed class ApprovalTokens
{
    /// <summary>The first segment of every token.</summary>
    public const string Prefix = "eksops-approval-v1";

    /// <summary>The longest an approval may live unless configured otherwise: one hour.</summary>
    public static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromHours(1);

    private readonly ApprovalKey _signingKey;
    private readonly Dictionary<string, ApprovalKey> _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates the issuer/verifier.</summary>
    /// <param name="signingKey">The key new tokens are signed with (and verified with).</param>
    /// <param name="previousKeys">Keys still accepted for verification during a rotation.</param>
    /// <param name="maxLifetime">The longest life a token may have; default <see cref="DefaultMaxLifetime"/>.</param>
    /// <param name="time">The clock; default the system clock.</param>
    public ApprovalTokens(ApprovalKey signingKey, IEnumerable<ApprovalKey>? previousKeys = null, TimeSpan? maxLifetime = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        _signingKey = signingKey;
        _keys = new Dictionary<string, ApprovalKey>(StringComparer.Ordinal) { [signingKey.Id] = signingKey };
        foreach (var key in previousKeys ?? [])
        {
            _keys.TryAdd(key.Id, key);
        }

        MaxLifetime = maxLifetime ?? DefaultMaxLifetime;
        if (MaxLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLifetime), maxLifetime, "must be positive");
        }

        _time = time ?? TimeProvider.System;
    }

    /// <summary>The longest life a token may have.</summary>
    public TimeSpan MaxLifetime { get; }

    /// <summary>Issues a token approving exactly <paramref name="change"/> (what a human approval step calls).</summary>
    /// <param name="change">The change that was shown to the approver.</param>
    /// <param name="approver">Who approved (an IAM principal, a user name).</param>
    /// <param name="lifetime">How long the approval lasts; at most <see cref="MaxLifetime"/>.</param>
    /// <returns>The token.</returns>
    public string Issue(ProposedChange change, string approver, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"must be positive and at most {MaxLifetime}");
        }

        var now = _time.GetUtcNow();
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("kid", _signingKey.Id);
            json.WriteString("cluster", change.Cluster);
            WriteNullable(json, "namespace", change.Namespace);
            json.WriteString("target", change.Target);
            WriteNullable(json, "runbook", change.Runbook?.Id());
            json.WriteString("patch", change.PatchHash);
            json.WriteString("approver", approver);
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        string payload = Base64Url.EncodeToString(buffer.WrittenSpan);
        string signed = Prefix + "." + payload;
        return signed + "." + Base64Url.EncodeToString(_signingKey.Sign(Encoding.ASCII.GetBytes(signed)));
    }

    /// <summary>Checks that a token approves exactly <paramref name="change"/>, now.</summary>
    /// <param name="token">The token as presented.</param>
    /// <param name="change">The change about to be applied (from the plan, not from the caller).</param>
    /// <returns>Valid, or the reason it is refused.</returns>
    public ApprovalCheck Verify(string? token, ProposedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        string[] parts = (token ?? string.Empty).Trim().Split('.');
        if (parts.Length != 3 || parts[0] != Prefix)
        {
            return Refused($"it is not an EksOps approval token ({Prefix}.<payload>.<signature>)");
        }

        byte[] payloadBytes;
        byte[] mac;
        try
        {
            payloadBytes = Base64Url.DecodeFromChars(parts[1]);
            mac = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return Refused("it is not valid base64url");
        }

        Payload payload;
        try
        {
            payload = Payload.Read(payloadBytes);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return Refused("its payload is unreadable");
        }

        if (!_keys.TryGetValue(payload.KeyId, out var key))
        {
            return Refused($"it was signed with an unknown key ({payload.KeyId})");
        }

        byte[] expected = key.Sign(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            return Refused("its signature does not match (the token was altered or signed with another secret)");
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(payload.Expires);
        var issued = DateTimeOffset.FromUnixTimeSeconds(payload.Issued);
        var now = _time.GetUtcNow();
        if (now >= expires)
        {
            return new ApprovalCheck(false, $"it expired at {Iso(expires)}", payload.Approver, expires);
        }

        if (expires - issued > MaxLifetime || issued > now + TimeSpan.FromMinutes(5))
        {
            return new ApprovalCheck(false, $"its lifetime exceeds the allowed {MaxLifetime} or it was issued in the future", payload.Approver, expires);
        }

        string? mismatch =
            payload.Cluster != change.Cluster ? $"it approves a change in cluster {payload.Cluster}, not {change.Cluster}"
            : payload.Namespace != change.Namespace ? $"it approves a change in namespace {payload.Namespace ?? "(none)"}, not {change.Namespace ?? "(none)"}"
            : payload.Target != change.Target ? $"it approves a change to {payload.Target}, not {change.Target}"
            : payload.Runbook != change.Runbook?.Id() ? $"it approves runbook {payload.Runbook ?? "(none)"}, not {change.Runbook?.Id() ?? "(none)"}"
            : payload.PatchHash != change.PatchHash ? $"it approves a different change (patch {payload.PatchHash}, this one is {change.PatchHash})"
            : null;
        return mismatch is null
            ? new ApprovalCheck(true, $"approved by {payload.Approver} until {Iso(expires)}", payload.Approver, expires)
            : new ApprovalCheck(false, mismatch, payload.Approver, expires);
    }

    private static ApprovalCheck Refused(string reason) => new(false, reason, null, null);

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private sealed record Payload(string KeyId, string Cluster, string? Namespace, string Target, string? Runbook, string PatchHash, string Approver, long Issued, long Expires)
    {
        public static Payload Read(byte[] utf8)
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != 1)
            {
                throw new FormatException("unknown version");
            }

            return new Payload(
                root.GetProperty("kid").GetString()!,
                root.GetProperty("cluster").GetString()!,
                root.GetProperty("namespace").GetString(),
                root.GetProperty("target").GetString()!,
                root.GetProperty("runbook").GetString(),
                root.GetProperty("patch").GetString()!,
                root.GetProperty("approver").GetString()!,
                root.GetProperty("iat").GetInt64(),
                root.GetProperty("exp").GetInt64());
        }
    }
}
