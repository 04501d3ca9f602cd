using System.Security.Cryptography;
using System.Text;

namespace EksOps.Aws.StepFunctions;

/// <summary>
/// Step Functions execution names that are safe everywhere: 1–80 characters of <c>[0-9A-Za-z_-]</c>. The service
/// itself accepts more (anything but whitespace, brackets, wildcards, <c>"#%\^|~`$&amp;,;:/</c> and control characters),
/// but CloudWatch Logs and X-Ray integrations need this narrower set, and alarm names routinely contain spaces, colons
/// and slashes.
/// </summary>
/// <remarks>
/// <see cref="Sanitize"/> is deterministic, so a name built from the same alarm transition is the same on every
/// retry or duplicate delivery, which is what makes <see cref="StepFunctionsClient.StartExecutionAsync"/> idempotent.
/// When sanitizing has to lose information (a character replaced, or the text cut to length), a short hash of the
/// original text is appended, so that two different texts do not end up with the same name.
/// </remarks>
public static class ExecutionNames
{
    /// <summary>The longest execution name Step Functions accepts (the model's <c>Name</c>: 1–80).</summary>
    public const int MaxLength = 80;

    // '-' plus 12 hex digits (48 bits of SHA-256): collisions among names that share a 67-character prefix are not a concern.
    private const int HashLength = 12;

    /// <summary>Whether <paramref name="name"/> is 1–80 characters of <c>[0-9A-Za-z_-]</c>.</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns>True when it can be used as is.</returns>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.All(IsAllowed);

    /// <summary>Throws unless <paramref name="name"/> is valid (see <see cref="IsValid"/>), saying what is wrong.</summary>
    /// <param name="name">The candidate name.</param>
    /// <param name="parameterName">The parameter to name in the exception.</param>
    /// <exception cref="ArgumentException">The name is empty, too long, or has a character outside <c>[0-9A-Za-z_-]</c>.</exception>
    public static void Validate(string? name, string parameterName = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("An execution name must not be empty.", parameterName);
        }

        if (name.Length > MaxLength)
        {
            throw new ArgumentException($"An execution name has at most {MaxLength} characters; this one has {name.Length}.", parameterName);
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (!IsAllowed(name[i]))
            {
                throw new ArgumentException(
                    $"An execution name may contain only 0-9, A-Z, a-z, '-' and '_'; character {i} is U+{(int)name[i]:X4}. Use {nameof(ExecutionNames)}.{nameof(Sanitize)}.",
                    parameterName);
            }
        }
    }

    /// <summary>
    /// Turns any text into a valid execution name, deterministically. A valid name comes back unchanged. Otherwise
    /// every run of characters outside <c>[0-9A-Za-z_-]</c> becomes one <c>-</c>, leading and trailing <c>-</c> are
    /// dropped, the result is cut to fit, and <c>-</c> plus 12 hex digits of the SHA-256 of the original text (UTF-8)
    /// is appended. Example: <c>prod: api 5xx &gt; 1%</c> → <c>prod-api-5xx-1-</c> + hash.
    /// </summary>
    /// <param name="text">Any text, e.g. <c>alarmName + "-" + stateChangeTime</c>.</param>
    /// <returns>A name of 1–80 characters of <c>[0-9A-Za-z_-]</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty.</exception>
    public static string Sanitize(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (IsValid(text))
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength));
        var pendingDash = false;
        foreach (var c in text)
        {
            if (IsAllowed(c))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingDash = false;
                builder.Append(c);
            }
            else
            {
                pendingDash = true;
            }

            if (builder.Length >= MaxLength)
            {
                break;
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
        var keep = Math.Min(builder.Length, MaxLength - HashLength - 1);
        var prefix = builder.ToString(0, keep).TrimEnd('-');
        return prefix.Length == 0 ? hash : prefix + "-" + hash;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
