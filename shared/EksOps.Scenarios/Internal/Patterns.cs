using System.Text.RegularExpressions;

namespace EksOps.Scenarios.Internal;

/// <summary>The fixed formats the loader checks (source-generated regular expressions, AOT-safe).</summary>
internal static partial class Patterns
{
    /// <summary>A scenario id.</summary>
    [GeneratedRegex("^[a-z0-9-]+\\z", RegexOptions.CultureInvariant)]
    public static partial Regex ScenarioId();

    /// <summary>An EKS cluster name: 1–100 characters, starting with a letter or digit.</summary>
    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex ClusterName();

    /// <summary>An AWS Region such as <c>ap-northeast-2</c> or <c>us-gov-west-1</c>.</summary>
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+\\z", RegexOptions.CultureInvariant)]
    public static partial Regex Region();

    /// <summary>A 12-digit AWS account id.</summary>
    [GeneratedRegex("^[0-9]{12}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex AccountId();

    /// <summary>A Kubernetes <c>apiVersion</c>: <c>v1</c>, <c>apps/v1</c>, <c>elbv2.k8s.aws/v1beta1</c>.</summary>
    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?v[0-9]+((alpha|beta)[0-9]+)?\z", RegexOptions.CultureInvariant)]
    public static partial Regex ApiVersion();

    /// <summary>A Kubernetes <c>kind</c>: UpperCamelCase letters and digits.</summary>
    [GeneratedRegex("^[A-Z][A-Za-z0-9]*\\z", RegexOptions.CultureInvariant)]
    public static partial Regex Kind();

    /// <summary>An ISO-8601 instant: date, time to the second (optionally fractional) and <c>Z</c> or an offset (<c>+09:00</c> or <c>+0900</c>).</summary>
    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})T(?<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?<fraction>\.[0-9]{1,9})?(?<offset>Z|[+-][0-9]{2}:?[0-9]{2})\z", RegexOptions.CultureInvariant)]
    public static partial Regex Instant();

    /// <summary>The <c>apiVersion</c> of a <c>kind: List</c>.</summary>
    [GeneratedRegex("^v1\\z", RegexOptions.CultureInvariant)]
    public static partial Regex ListApiVersion();
}
