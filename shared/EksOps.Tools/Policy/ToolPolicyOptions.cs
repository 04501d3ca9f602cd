using System.Globalization;

namespace EksOps.Tools;

/// <summary>
/// A deployment's policy settings. The defaults are the seed policy: reads allowed everywhere (sensitive ones too),
/// writes follow <see cref="EksOps.Incidents.DefaultPolicy"/> — which makes production read-only unless an approval
/// token bound to the exact change is presented — and no namespace restrictions beyond the clusters' own.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Variable</term><description>Effect</description></listheader>
/// <item><term><c>EKSOPS_ALLOWED_NAMESPACES</c></term><description>Comma-separated names or <c>prefix-*</c> patterns every cluster is limited to; empty = no limit.</description></item>
/// <item><term><c>EKSOPS_DENIED_NAMESPACES</c></term><description>Comma-separated names or patterns no tool may touch in any cluster.</description></item>
/// <item><term><c>EKSOPS_SENSITIVE_READS</c></term><description><c>false</c> refuses logs, events and Secret reads; default <c>true</c>.</description></item>
/// <item><term><c>EKSOPS_WRITES_ENABLED</c></term><description><c>false</c> refuses every write (dry runs still work); default <c>true</c>.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_FOR_ALL_WRITES</c></term><description><c>true</c> requires an approval token for every write in every environment; default <c>false</c>.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_SECRET</c></term><description>Base64 HMAC key (≥ 32 bytes) that signs and verifies approval tokens; without it nothing can be approved.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_SECRET_PREVIOUS</c></term><description>The previous key, still accepted during a rotation.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_MAX_LIFETIME_SECONDS</c></term><description>Longest accepted token life; default 3600.</description></item>
/// </list>
/// </remarks>
public sealed record ToolPolicyOptions
{
    /// <summary>Namespaces every cluster is limited to (names or <c>prefix-*</c>); empty = no deployment-wide limit.</summary>
    public IReadOnlyList<string> AllowedNamespaces { get; init; } = [];

    /// <summary>Namespaces no tool may touch in any cluster.</summary>
    public IReadOnlyList<string> DeniedNamespaces { get; init; } = [];

    /// <summary>Whether sensitive reads (logs, events, Secrets) are allowed. Default <see langword="true"/>: diagnosis needs logs and events, and results are redacted.</summary>
    public bool SensitiveReadsEnabled { get; init; } = true;

    /// <summary>Whether writes may run at all; <see langword="false"/> is a kill switch (plans and dry runs still work).</summary>
    public bool WritesEnabled { get; init; } = true;

    /// <summary>Whether every write needs an approval token, in every environment (tighter than the default policy).</summary>
    public bool RequireApprovalForAllWrites { get; init; }

    /// <summary>Verifies approval tokens; <see langword="null"/> when no key is configured (then nothing can be approved).</summary>
    public ApprovalTokens? Approvals { get; init; }

    /// <summary>Reads the options from environment variables (see the remarks).</summary>
    /// <param name="getVariable">Reads a variable; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="time">The clock approval tokens are checked against; default the system clock.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">A variable has a malformed value; the message names it.</exception>
    public static ToolPolicyOptions FromEnvironment(Func<string, string?>? getVariable = null, TimeProvider? time = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        ApprovalTokens? approvals = null;
        string? secret = getVariable("EKSOPS_APPROVAL_SECRET");
        if (!string.IsNullOrWhiteSpace(secret))
        {
            var current = Key(secret, "EKSOPS_APPROVAL_SECRET");
            string? previous = getVariable("EKSOPS_APPROVAL_SECRET_PREVIOUS");
            var older = string.IsNullOrWhiteSpace(previous) ? [] : new[] { Key(previous, "EKSOPS_APPROVAL_SECRET_PREVIOUS") };
            string? lifetime = getVariable("EKSOPS_APPROVAL_MAX_LIFETIME_SECONDS");
            TimeSpan? maxLifetime = null;
            if (!string.IsNullOrWhiteSpace(lifetime))
            {
                maxLifetime = int.TryParse(lifetime, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new FormatException($"EKSOPS_APPROVAL_MAX_LIFETIME_SECONDS: expected a positive number of seconds but found \"{lifetime}\"");
            }

            approvals = new ApprovalTokens(current, older, maxLifetime, time);
        }

        return new ToolPolicyOptions
        {
            AllowedNamespaces = List(getVariable("EKSOPS_ALLOWED_NAMESPACES")),
            DeniedNamespaces = List(getVariable("EKSOPS_DENIED_NAMESPACES")),
            SensitiveReadsEnabled = Flag(getVariable, "EKSOPS_SENSITIVE_READS", true),
            WritesEnabled = Flag(getVariable, "EKSOPS_WRITES_ENABLED", true),
            RequireApprovalForAllWrites = Flag(getVariable, "EKSOPS_APPROVAL_FOR_ALL_WRITES", false),
            Approvals = approvals,
        };
    }

    private static ApprovalKey Key(string base64, string variable)
    {
        try
        {
            return ApprovalKey.FromBase64(base64);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new FormatException($"{variable}: expected base64 of at least {ApprovalKey.MinimumLength} random bytes", e);
        }
    }

    private static string[] List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Flag(Func<string, string?> getVariable, string name, bool fallback)
    {
        string? value = getVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => throw new FormatException($"{name}: expected true or false but found \"{value}\""),
        };
    }
}
