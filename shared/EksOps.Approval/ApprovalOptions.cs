using System.Globalization;
using EksOps.Tools;

namespace EksOps.Approval;

/// <summary>How the approval function asks for and takes decisions.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Variable</term><description>Effect</description></listheader>
/// <item><term><c>EKSOPS_APPROVAL_AUTH</c></term><description><c>link</c> (default): signed links, Function URL auth type NONE; <c>iam</c>: <c>POST /decisions</c> by a SigV4 caller, Function URL auth type AWS_IAM.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_URL</c></term><description>The Function URL (or what fronts it) that links and <c>/decisions</c> are built on. With <c>link</c> it is needed here or as <c>approvalUrl</c> in the request step's payload (a function cannot be given its own Function URL in the same template); this variable wins.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_LINK_SECRET</c></term><description>Base64 HMAC key (≥ 32 bytes) that signs links; required with <c>link</c>; must differ from <c>EKSOPS_APPROVAL_SECRET</c>.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_LINK_SECRET_PREVIOUS</c></term><description>The previous link key, still accepted during a rotation.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_SECRET</c>, <c>EKSOPS_APPROVAL_SECRET_PREVIOUS</c>, <c>EKSOPS_APPROVAL_MAX_LIFETIME_SECONDS</c></term><description>The policy's approval-token key (see <see cref="ToolPolicyOptions"/>); required: an approval issues a token for exactly the planned change.</description></item>
/// <item><term><c>EKSOPS_APPROVAL_MAX_BODY_BYTES</c></term><description>Largest decision request body; default 16384.</description></item>
/// </list>
/// </remarks>
public sealed record ApprovalOptions
{
    /// <summary>The default <see cref="MaxBodyBytes"/>.</summary>
    public const int DefaultMaxBodyBytes = 16 * 1024;

    /// <summary>How approvers authenticate.</summary>
    public ApprovalAuthMode AuthMode { get; init; } = ApprovalAuthMode.Link;

    /// <summary>
    /// The base URL links and the <c>/decisions</c> endpoint are built on. When <see langword="null"/>, the request
    /// step's <see cref="ApprovalStepEvent.ApprovalUrl"/> is used; link mode needs one of the two.
    /// </summary>
    public Uri? ApprovalUrl { get; init; }

    /// <summary>Signs and verifies links; required in <see cref="ApprovalAuthMode.Link"/> mode.</summary>
    public ApprovalLinkSigner? Links { get; init; }

    /// <summary>Issues the policy approval token for exactly the planned change (<c>EKSOPS_APPROVAL_SECRET</c>).</summary>
    public required ApprovalTokens PolicyTokens { get; init; }

    /// <summary>The largest decision request body accepted (larger ones get 413).</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Checks that the options fit together (what <see cref="FromEnvironment"/> guarantees).</summary>
    /// <exception cref="ApprovalConfigurationException">Link mode without a link key, or a non-positive body limit.</exception>
    public void Validate()
    {
        if (AuthMode == ApprovalAuthMode.Link && Links is null)
        {
            throw new ApprovalConfigurationException("Link approvals need EKSOPS_APPROVAL_LINK_SECRET (or set EKSOPS_APPROVAL_AUTH=iam).");
        }

        if (MaxBodyBytes <= 0)
        {
            throw new ApprovalConfigurationException("EKSOPS_APPROVAL_MAX_BODY_BYTES must be a positive number of bytes.");
        }
    }

    /// <summary>Reads the options from environment variables (see the remarks).</summary>
    /// <param name="getVariable">Reads a variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="time">The clock links and tokens are checked against; default the system clock.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ApprovalConfigurationException">A variable is missing or malformed; the message names it.</exception>
    public static ApprovalOptions FromEnvironment(Func<string, string?>? getVariable = null, TimeProvider? time = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        ApprovalTokens policyTokens;
        try
        {
            policyTokens = ToolPolicyOptions.FromEnvironment(getVariable, time).Approvals
                ?? throw new ApprovalConfigurationException("EKSOPS_APPROVAL_SECRET is required: an approval issues a policy token for the planned change, and without the key nothing can be approved.");
        }
        catch (FormatException e)
        {
            throw new ApprovalConfigurationException(e.Message, e);
        }

        var mode = Value(getVariable, "EKSOPS_APPROVAL_AUTH")?.ToUpperInvariant() switch
        {
            null or "LINK" => ApprovalAuthMode.Link,
            "IAM" => ApprovalAuthMode.Iam,
            _ => throw new ApprovalConfigurationException($"EKSOPS_APPROVAL_AUTH: expected link or iam but found \"{getVariable("EKSOPS_APPROVAL_AUTH")}\"."),
        };

        Uri? url = null;
        if (Value(getVariable, "EKSOPS_APPROVAL_URL") is { } urlText)
        {
            url = Uri.TryCreate(urlText, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" && string.IsNullOrEmpty(parsed.Query)
                ? parsed
                : throw new ApprovalConfigurationException($"EKSOPS_APPROVAL_URL: expected an absolute http(s) URL without a query but found \"{urlText}\".");
        }

        ApprovalLinkSigner? links = null;
        if (Value(getVariable, "EKSOPS_APPROVAL_LINK_SECRET") is { } linkSecret)
        {
            var current = LinkKey(linkSecret, "EKSOPS_APPROVAL_LINK_SECRET");
            var previous = Value(getVariable, "EKSOPS_APPROVAL_LINK_SECRET_PREVIOUS") is { } older
                ? new[] { LinkKey(older, "EKSOPS_APPROVAL_LINK_SECRET_PREVIOUS") }
                : [];
            // A link only lets its holder decide; the policy key lets a change be applied. One leaked secret must not give both.
            foreach (string policyVariable in new[] { "EKSOPS_APPROVAL_SECRET", "EKSOPS_APPROVAL_SECRET_PREVIOUS" })
            {
                if (Value(getVariable, policyVariable) is { } policySecret
                    && previous.Append(current).Any(key => key.HasSecret(Convert.FromBase64String(policySecret))))
                {
                    throw new ApprovalConfigurationException($"EKSOPS_APPROVAL_LINK_SECRET must differ from {policyVariable}: the link key and the policy token key are separate secrets.");
                }
            }

            links = new ApprovalLinkSigner(current, previous, time);
        }

        int maxBody = DefaultMaxBodyBytes;
        if (Value(getVariable, "EKSOPS_APPROVAL_MAX_BODY_BYTES") is { } maxText
            && !(int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxBody) && maxBody > 0))
        {
            throw new ApprovalConfigurationException($"EKSOPS_APPROVAL_MAX_BODY_BYTES: expected a positive number of bytes but found \"{maxText}\".");
        }

        var options = new ApprovalOptions
        {
            AuthMode = mode,
            ApprovalUrl = url,
            Links = links,
            PolicyTokens = policyTokens,
            MaxBodyBytes = maxBody,
        };
        options.Validate();
        return options;
    }

    private static string? Value(Func<string, string?> getVariable, string name) =>
        getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static ApprovalLinkKey LinkKey(string base64, string variable)
    {
        try
        {
            return ApprovalLinkKey.FromBase64(base64);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ApprovalConfigurationException($"{variable}: expected base64 of at least {ApprovalLinkKey.MinimumLength} random bytes.", e);
        }
    }
}
