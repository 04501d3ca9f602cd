using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Tools.Internal;

namespace EksOps.Tools;

/// <summary>
/// Masks secrets in everything a tool returns. In text (logs, messages, annotations): AWS access key ids
/// (<c>AKIA…</c>/<c>ASIA…</c>), AWS secret keys next to their key name, EKS bearer tokens, JWTs, <c>Bearer</c> and
/// <c>Basic</c> credentials, <c>password=</c>/<c>passwd</c>/<c>pwd</c>/<c>token=</c>/<c>api_key</c>/<c>apikey</c>/<c>secret</c>
/// assignments, connection-string passwords, credentials in URLs (<c>postgres://user:pass@</c>, <c>redis://:pass@</c>),
/// private-key PEM blocks, GitHub and Slack tokens. In JSON: every value of a Kubernetes Secret's <c>data</c> and
/// <c>stringData</c> (keys are kept: they matter for diagnosis), fields named like credentials, and container
/// <c>env</c> values whose names say secret. Each mask reads <c>[REDACTED:&lt;rule&gt;]</c>.
/// </summary>
/// <remarks>
/// Deliberately left alone (look-alikes): UUIDs, commit SHAs, image digests (<c>sha256:…</c>), pod-template hashes,
/// resourceVersions, base64 of ordinary config, role unique ids (<c>AROA…</c>), references to secrets by name
/// (<c>secretName</c>, <c>secretKeyRef</c>), and pagination tokens (<c>nextToken</c>).
/// </remarks>
public static partial class SecretRedactor
{
    /// <summary>The start of every mask.</summary>
    public const string MarkerPrefix = "[REDACTED:";

    private static readonly HashSet<string> SensitiveKeys = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "clientsecret", "secretkey", "secretaccesskey",
        "awssecretaccesskey", "sessiontoken", "awssessiontoken", "token", "accesstoken", "refreshtoken", "idtoken",
        "authtoken", "bearertoken", "apikey", "xapikey", "privatekey", "authorization", "connectionstring",
    };

    /// <summary>Masks secrets in a string.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with every secret masked (the same instance when nothing was found).</returns>
    public static string Redact(string text) => Redact(text, out _);

    /// <summary>Masks secrets in a string and counts the masks.</summary>
    /// <param name="text">The text.</param>
    /// <param name="count">How many secrets were masked.</param>
    /// <returns>The masked text.</returns>
    public static string Redact(string text, out int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        int n = 0;
        string result = text;
        if (result.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            result = PemBlock().Replace(result, m => Count(ref n, $"-----BEGIN {m.Groups["label"].Value}-----{Mask("private-key")}-----END {m.Groups["label"].Value}-----"));
        }

        if (result.Contains("://", StringComparison.Ordinal))
        {
            result = UrlCredentials().Replace(result, m => Count(ref n, m.Groups["prefix"].Value + Mask("url-credentials") + "@"));
            result = SlackWebhook().Replace(result, m => Count(ref n, m.Groups["prefix"].Value + Mask("slack-webhook")));
        }

        result = GitHubToken().Replace(result, _ => Count(ref n, Mask("github-token")));
        result = SlackToken().Replace(result, _ => Count(ref n, Mask("slack-token")));
        result = AwsAccessKeyId().Replace(result, _ => Count(ref n, Mask("aws-access-key-id")));
        result = AwsSecretKey().Replace(result, m => Count(ref n, m.Groups["prefix"].Value + Mask("aws-secret-access-key")));
        result = EksToken().Replace(result, _ => Count(ref n, Mask("eks-token")));
        result = Jwt().Replace(result, _ => Count(ref n, Mask("jwt")));
        result = BearerCredential().Replace(result, m => Count(ref n, m.Groups["prefix"].Value + Mask("bearer-token")));
        result = BasicCredential().Replace(result, m => Count(ref n, m.Groups["prefix"].Value + Mask("basic-auth")));
        result = PasswordAssignment().Replace(result, m => PasswordMask(m, ref n));
        result = SecretAssignment().Replace(result, m => SecretLike(m) ? Count(ref n, m.Groups["prefix"].Value + Mask(Rule(m.Groups["key"].Value))) : m.Value);
        count = n;
        return n == 0 ? text : result;
    }

    /// <summary>Masks secrets in a JSON value in place: structure-aware rules, then the text rules on every string.</summary>
    /// <param name="node">The value; changed in place.</param>
    /// <returns>How many secrets were masked.</returns>
    public static int RedactInPlace(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                return RedactObject(obj);
            case JsonArray array:
                int total = 0;
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue(out string? text))
                    {
                        int n = RedactString(text, out string masked);
                        if (n > 0)
                        {
                            array[i] = masked;
                            total += n;
                        }
                    }
                    else
                    {
                        total += RedactInPlace(array[i]);
                    }
                }

                return total;
            default:
                return 0;
        }
    }

    private static int RedactObject(JsonObject obj)
    {
        int total = 0;
        bool isSecret = IsSecretObject(obj);
        if (StringValue(obj, "kind") == "SecretList" && obj["items"] is JsonArray secrets)
        {
            foreach (var item in secrets)
            {
                if (item is JsonObject secret)
                {
                    total += MaskSecretData(secret);
                }
            }
        }

        bool sensitiveEnv = obj["name"] is JsonValue envName && envName.TryGetValue(out string? name) && obj.ContainsKey("value") && SensitiveEnvName().IsMatch(name);
        foreach (string key in obj.Select(p => p.Key).ToList())
        {
            var value = obj[key];
            if (isSecret && key is "data" or "stringData" && value is JsonObject data)
            {
                total += MaskValues(data);
                continue;
            }

            if (value is JsonValue scalar && scalar.TryGetValue(out string? text))
            {
                if (text.Length > 0 && !text.StartsWith(MarkerPrefix, StringComparison.Ordinal)
                    && ((sensitiveEnv && key == "value") || SensitiveKeys.Contains(NormalizeKey(key))))
                {
                    obj[key] = Mask(sensitiveEnv && key == "value" ? "sensitive-env" : "sensitive-field");
                    total++;
                    continue;
                }

                int n = RedactString(text, out string masked);
                if (n > 0)
                {
                    obj[key] = masked;
                    total += n;
                }
            }
            else
            {
                total += RedactInPlace(value);
            }
        }

        return total;
    }

    /// <summary>A Kubernetes Secret: <c>kind: Secret</c>, or (list items carry no kind) a Secret <c>type</c> next to <c>data</c>/<c>stringData</c>.</summary>
    private static bool IsSecretObject(JsonObject obj)
    {
        if (StringValue(obj, "kind") is string kind)
        {
            return kind == "Secret";
        }

        return StringValue(obj, "type") is string type
            && (type == "Opaque" || type.StartsWith("kubernetes.io/", StringComparison.Ordinal) || type.StartsWith("helm.sh/release", StringComparison.Ordinal) || type.StartsWith("bootstrap.kubernetes.io/", StringComparison.Ordinal))
            && (obj.ContainsKey("data") || obj.ContainsKey("stringData"));
    }

    private static int MaskSecretData(JsonObject secret)
    {
        int total = 0;
        foreach (string key in new[] { "data", "stringData" })
        {
            if (secret[key] is JsonObject data)
            {
                total += MaskValues(data);
            }
        }

        return total;
    }

    private static int MaskValues(JsonObject data)
    {
        int total = 0;
        foreach (string key in data.Select(p => p.Key).ToList())
        {
            if (data[key] is JsonValue v && !(v.TryGetValue(out string? s) && s.StartsWith(MarkerPrefix, StringComparison.Ordinal)))
            {
                data[key] = Mask("k8s-secret-data");
                total++;
            }
        }

        return total;
    }

    private static string? StringValue(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>Text rules, plus: a string that is itself a JSON object (kubectl's last-applied-configuration) is redacted as JSON.</summary>
    private static int RedactString(string text, out string masked)
    {
        masked = text;
        if (text.Length > 2 && text.Length < 4_000_000 && text.TrimStart().StartsWith('{') && text.TrimEnd().EndsWith('}'))
        {
            try
            {
                if (ToolJson.Parse(text) is JsonObject inner)
                {
                    int n = RedactInPlace(inner);
                    if (n > 0)
                    {
                        masked = ToolJson.Serialize(inner);
                    }

                    return n;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: plain text rules.
            }
        }

        masked = Redact(text, out int count);
        return count;
    }

    private static string NormalizeKey(string key)
    {
        Span<char> buffer = stackalloc char[Math.Min(key.Length, 64)];
        int length = 0;
        foreach (char c in key)
        {
            if (char.IsAsciiLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// After <c>=</c>, or in quotes, the value is masked; after a bare colon only a secret-looking word is, so
    /// "/etc/passwd: No such file" stays readable. (The pattern takes a quoted value whole, a <c>;</c>-delimited value
    /// with its spaces as connection strings have them, and otherwise one word.)
    /// </summary>
    private static string PasswordMask(Match match, ref int n)
    {
        string value = match.Groups["value"].Value;
        bool bareColon = !match.Groups["q"].Success && match.Groups["separator"].Value.Contains(':', StringComparison.Ordinal);
        if (bareColon && value.Length < 16 && value.All(char.IsAsciiLetter))
        {
            return match.Value;
        }

        return Count(ref n, match.Groups["prefix"].Value + Mask("password"));
    }

    /// <summary>For <c>key: value</c> (colon) forms, only values that look like secrets: prose such as "token: expired" is kept.</summary>
    private static bool SecretLike(Match match)
    {
        string value = match.Groups["value"].Value;
        if (value.StartsWith(MarkerPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (!match.Groups["separator"].Value.Contains(':', StringComparison.Ordinal))
        {
            return true;
        }

        return value.Length >= 16 || value.Any(c => !char.IsAsciiLetter(c));
    }

    private static string Rule(string key)
    {
        string normalized = NormalizeKey(key);
        return normalized.EndsWith("token", StringComparison.Ordinal) ? "token"
            : normalized.EndsWith("apikey", StringComparison.Ordinal) || normalized.EndsWith("accesskey", StringComparison.Ordinal) ? "api-key"
            : normalized.EndsWith("privatekey", StringComparison.Ordinal) ? "private-key"
            : "secret";
    }

    private static string Mask(string rule) => MarkerPrefix + rule + "]";

    private static string Count(ref int n, string replacement)
    {
        n++;
        return replacement;
    }

    [GeneratedRegex(@"-----BEGIN (?<label>(?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \k<label>-----|$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PemBlock();

    [GeneratedRegex(@"(?<prefix>\b[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s""'<>]*:)(?!\[REDACTED)[^@/?#\s""'<>]+@", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?<prefix>https://hooks\.slack\.com/services/)[A-Za-z0-9/_-]{8,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?<prefix>(?i:aws_?secret_?access_?key|secret_?access_?key)[""']?\s*[:=]\s*[""']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"\bk8s-aws-v1\.[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EksToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{6,}\.eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<prefix>\b(?i:bearer)\s+)(?!\[REDACTED)[A-Za-z0-9._~+/-]{16,}=*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BearerCredential();

    [GeneratedRegex(@"(?<prefix>(?i:authorization)[""']?\s*[:=]\s*[""']?(?i:basic)\s+)[A-Za-z0-9+/]{4,}={0,2}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BasicCredential();

    /// <summary><c>password=…</c>, <c>DB_PASSWORD: …</c>, <c>"password": "…"</c>, <c>Pwd=…;</c> (value: quoted whole, <c>;</c>-delimited with spaces, else one word).</summary>
    [GeneratedRegex(@"(?<prefix>(?<![A-Za-z0-9])(?i:(?:[A-Za-z0-9]+[_.-])*(?:password|passwd|pwd|passphrase))[""']?(?<separator>\s*[:=]\s*)(?<q>[""'])?)(?!\[REDACTED)(?<value>(?(q)[^""'\r\n]+|(?:[^;&""'\r\n,\s]+(?:[ \t]+[^;&""'\r\n,\s=]+)*(?=;)|[^;&""'\r\n,\s]+)))", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PasswordAssignment();

    /// <summary><c>token=…</c>, <c>api_key: …</c>, <c>client_secret=…</c>, <c>X-Api-Key: …</c>: the value runs to whitespace or a delimiter.</summary>
    [GeneratedRegex(@"(?<prefix>(?<![A-Za-z0-9])(?<key>(?i:(?:[A-Za-z0-9]+[_.-])*(?:secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token)))(?![A-Za-z0-9_])[""']?(?<separator>\s*[:=]\s*)[""']?)(?<value>[^\s""'&;,<>()\[\]{}]+)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"(?i)(PASSWORD|PASSWD|PWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_?KEY)(?!.*_(FILE|PATH|DIR|NAME|REF|ID|ARN|URL|URI|HOST|PORT|USER|USERNAME)$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SensitiveEnvName();
}
