using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EksOps.Incidents;

namespace EksOps.Tools;

/// <summary>
/// The clusters one deployment serves: cluster name → Region, account, role to assume, environment, namespace rules
/// and (for local use) an endpoint/CA or kubeconfig override. Loaded from JSON with strict validation: unknown keys,
/// duplicate keys or names, malformed Regions, account ids, ARNs, namespaces or endpoints are all reported, each with
/// its JSON path.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Variable</term><description>Effect</description></listheader>
/// <item><term><c>EKSOPS_CLUSTERS</c></term><description>The registry as JSON text.</description></item>
/// <item><term><c>EKSOPS_CLUSTERS_FILE</c></term><description>A path to the registry's JSON file (set one of the two).</description></item>
/// </list>
/// <code>
/// {"defaultCluster": "prod-eks",
///  "clusters": [{"name": "prod-eks", "region": "ap-northeast-2", "accountId": "123456789012", "environment": "production",
///                "roleArn": "arn:aws:iam::123456789012:role/eksops-tools", "allowedNamespaces": ["shop", "payments-*"],
///                "deniedNamespaces": ["kube-system"]}]}
/// </code>
/// </remarks>
public sealed partial class ClusterRegistry
{
    /// <summary>The environment variable holding the registry as JSON.</summary>
    public const string ClustersVariable = "EKSOPS_CLUSTERS";

    /// <summary>The environment variable holding a path to the registry's JSON file.</summary>
    public const string ClustersFileVariable = "EKSOPS_CLUSTERS_FILE";

    private static readonly string[] RootKeys = ["clusters", "defaultCluster"];

    private static readonly string[] ClusterKeys =
    [
        "name", "region", "accountId", "environment", "roleArn", "allowedNamespaces", "deniedNamespaces", "endpoint",
        "certificateAuthorityData", "kubeconfig",
    ];

    private readonly Dictionary<string, ClusterInfo> _byName;

    private ClusterRegistry(IReadOnlyList<ClusterInfo> clusters, ClusterInfo? defaultCluster)
    {
        Clusters = clusters;
        DefaultCluster = defaultCluster ?? (clusters.Count == 1 ? clusters[0] : null);
        _byName = clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Every cluster, in the order given.</summary>
    public IReadOnlyList<ClusterInfo> Clusters { get; }

    /// <summary>The cluster a call without a cluster name goes to: <c>defaultCluster</c>, or the only cluster; else <see langword="null"/>.</summary>
    public ClusterInfo? DefaultCluster { get; }

    /// <summary>Reads a registry from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ClusterRegistryException">The JSON is invalid; every problem is listed with its path.</exception>
    public static ClusterRegistry Parse(string json, string source = "cluster registry")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new ClusterRegistryException(source, [$"$: not valid JSON ({e.Message})"]);
        }

        using (document)
        {
            var errors = new List<string>();
            var clusters = new List<ClusterInfo>();
            string? defaultName = null;
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ClusterRegistryException(source, [$"$: expected an object with \"clusters\" but found {Kind(root)}"]);
            }

            CheckKeys(root, "$", RootKeys, errors);
            if (!root.TryGetProperty("clusters", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                errors.Add("$.clusters: expected a non-empty array of clusters");
            }
            else
            {
                int index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (ReadCluster(item, $"$.clusters[{index}]", errors) is { } cluster)
                    {
                        clusters.Add(cluster);
                    }

                    index++;
                }
            }

            if (root.TryGetProperty("defaultCluster", out var defaultElement))
            {
                defaultName = defaultElement.ValueKind == JsonValueKind.String ? defaultElement.GetString() : null;
                if (defaultName is null)
                {
                    errors.Add($"$.defaultCluster: expected a cluster name but found {Kind(defaultElement)}");
                }
            }

            return Finish(clusters, defaultName, source, errors);
        }
    }

    /// <summary>Reads a registry from a JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ClusterRegistryException">The file cannot be read or its JSON is invalid.</exception>
    public static ClusterRegistry Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterRegistryException(path, [$"cannot read the file: {e.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>Reads the registry named by <c>EKSOPS_CLUSTERS</c> (JSON) or <c>EKSOPS_CLUSTERS_FILE</c> (a path); exactly one must be set.</summary>
    /// <param name="getVariable">Reads a variable; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ClusterRegistryException">Neither or both are set, or the JSON is invalid.</exception>
    public static ClusterRegistry FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? json = getVariable(ClustersVariable);
        string? file = getVariable(ClustersFileVariable);
        return (string.IsNullOrWhiteSpace(json), string.IsNullOrWhiteSpace(file)) switch
        {
            (false, true) => Parse(json!, ClustersVariable),
            (true, false) => Load(file!),
            (false, false) => throw new ClusterRegistryException("environment", [$"set {ClustersVariable} or {ClustersFileVariable}, not both"]),
            _ => throw new ClusterRegistryException("environment", [$"set {ClustersVariable} (the registry as JSON) or {ClustersFileVariable} (a path to it)"]),
        };
    }

    /// <summary>A registry from clusters built in code (tests, the local CLI), checked with the same rules as JSON.</summary>
    /// <param name="clusters">The clusters.</param>
    /// <param name="defaultCluster">The default cluster's name, if any.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ClusterRegistryException">A cluster breaks a rule.</exception>
    public static ClusterRegistry Create(IEnumerable<ClusterInfo> clusters, string? defaultCluster = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var list = clusters.ToList();
        var errors = new List<string>();
        for (int i = 0; i < list.Count; i++)
        {
            var c = list[i];
            string at = $"clusters[{i}]";
            CheckName(c.Name, at + ".name", errors);
            CheckRegion(c.Region, at + ".region", errors);
            CheckAccount(c.AccountId, at + ".accountId", errors);
            if (!Enum.IsDefined(c.Environment))
            {
                errors.Add($"{at}.environment: expected one of {string.Join(", ", ClusterEnvironments.Ids)}");
            }

            CheckOptional(c, at, errors);
        }

        if (list.Count == 0)
        {
            errors.Add("clusters: expected at least one cluster");
        }

        return Finish(list, defaultCluster, "cluster registry", errors);
    }

    /// <summary>Finds a cluster by its exact name.</summary>
    /// <param name="name">The cluster name.</param>
    /// <param name="cluster">The cluster, when found.</param>
    /// <returns>Whether it is registered.</returns>
    public bool TryGet(string name, [NotNullWhen(true)] out ClusterInfo? cluster) => _byName.TryGetValue(name ?? string.Empty, out cluster);

    /// <summary>The cluster a call goes to: the named one, or <see cref="DefaultCluster"/> when no name is given.</summary>
    /// <param name="name">The cluster name the caller gave, if any.</param>
    /// <param name="cluster">The cluster, when resolved.</param>
    /// <returns>Whether a cluster was found.</returns>
    public bool TryResolve(string? name, [NotNullWhen(true)] out ClusterInfo? cluster)
    {
        if (string.IsNullOrEmpty(name))
        {
            cluster = DefaultCluster;
            return cluster is not null;
        }

        return TryGet(name, out cluster);
    }

    private static ClusterRegistry Finish(List<ClusterInfo> clusters, string? defaultName, string source, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            if (cluster.Name is not null && !seen.Add(cluster.Name))
            {
                errors.Add($"clusters: the name {cluster.Name} is used twice");
            }
        }

        ClusterInfo? defaultCluster = null;
        if (defaultName is not null)
        {
            defaultCluster = clusters.Find(c => c.Name == defaultName);
            if (defaultCluster is null)
            {
                errors.Add($"defaultCluster: {defaultName} is not one of the clusters ({string.Join(", ", clusters.Select(c => c.Name))})");
            }
        }

        if (errors.Count > 0)
        {
            throw new ClusterRegistryException(source, errors);
        }

        return new ClusterRegistry(clusters.AsReadOnly(), defaultCluster);
    }

    private static ClusterInfo? ReadCluster(JsonElement item, string at, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}: expected a cluster object but found {Kind(item)}");
            return null;
        }

        int before = errors.Count;
        CheckKeys(item, at, ClusterKeys, errors);
        string? name = RequiredString(item, "name", at, errors);
        string? region = RequiredString(item, "region", at, errors);
        string? account = RequiredString(item, "accountId", at, errors);
        string? environmentId = RequiredString(item, "environment", at, errors);
        CheckName(name, at + ".name", errors);
        CheckRegion(region, at + ".region", errors);
        CheckAccount(account, at + ".accountId", errors);
        var environment = ClusterEnvironment.Production;
        if (environmentId is not null && !ClusterEnvironments.TryParse(environmentId, out environment))
        {
            errors.Add($"{at}.environment: expected one of {string.Join(", ", ClusterEnvironments.Ids)} but found \"{environmentId}\"");
        }

        string? endpointText = OptionalString(item, "endpoint", at, errors);
        Uri? endpoint = null;
        if (endpointText is not null && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
        {
            errors.Add($"{at}.endpoint: expected an absolute https URL but found \"{endpointText}\"");
        }

        var cluster = new ClusterInfo
        {
            Name = name ?? string.Empty,
            Region = region ?? string.Empty,
            AccountId = account ?? string.Empty,
            Environment = environment,
            RoleArn = OptionalString(item, "roleArn", at, errors),
            AllowedNamespaces = StringList(item, "allowedNamespaces", at, errors),
            DeniedNamespaces = StringList(item, "deniedNamespaces", at, errors),
            Endpoint = endpoint,
            CertificateAuthorityData = OptionalString(item, "certificateAuthorityData", at, errors),
            Kubeconfig = OptionalString(item, "kubeconfig", at, errors),
        };
        CheckOptional(cluster, at, errors, endpointChecked: endpointText is not null && endpoint is null);
        return errors.Count == before ? cluster : null;
    }

    private static void CheckOptional(ClusterInfo c, string at, List<string> errors, bool endpointChecked = false)
    {
        if (c.RoleArn is not null && !RoleArnPattern().IsMatch(c.RoleArn))
        {
            errors.Add($"{at}.roleArn: expected an IAM role ARN (arn:aws:iam::123456789012:role/name) but found \"{c.RoleArn}\"");
        }

        CheckNamespaces(c.AllowedNamespaces, at + ".allowedNamespaces", errors);
        CheckNamespaces(c.DeniedNamespaces, at + ".deniedNamespaces", errors);
        if (c.Endpoint is { } endpoint && !endpointChecked)
        {
            bool loopback = endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip));
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && !(endpoint.Scheme == Uri.UriSchemeHttp && loopback)))
            {
                errors.Add($"{at}.endpoint: expected an https URL (http only on loopback) but found \"{endpoint}\"");
            }
        }

        if (c.CertificateAuthorityData is { } ca)
        {
            if (c.Endpoint is null)
            {
                errors.Add($"{at}.certificateAuthorityData: only applies with an endpoint");
            }

            if (!IsPemCertificate(ca))
            {
                errors.Add($"{at}.certificateAuthorityData: expected base64 of a PEM certificate (kubeconfig's certificate-authority-data)");
            }
        }

        if (c.Kubeconfig is not null && (c.Endpoint is not null || c.Kubeconfig.Trim().Length == 0))
        {
            errors.Add($"{at}.kubeconfig: expected a file path, and not together with an endpoint");
        }
    }

    private static void CheckName(string? name, string at, List<string> errors)
    {
        if (name is not null && !ClusterNamePattern().IsMatch(name))
        {
            errors.Add($"{at}: expected an EKS cluster name (letters, digits, - and _, starting with a letter or digit, at most 100) but found \"{name}\"");
        }
    }

    private static void CheckRegion(string? region, string at, List<string> errors)
    {
        if (region is not null && !RegionPattern().IsMatch(region))
        {
            errors.Add($"{at}: expected an AWS Region such as ap-northeast-2 but found \"{region}\"");
        }
    }

    private static void CheckAccount(string? account, string at, List<string> errors)
    {
        if (account is not null && !AccountPattern().IsMatch(account))
        {
            errors.Add($"{at}: expected a 12-digit account id as a string but found \"{account}\"");
        }
    }

    private static void CheckNamespaces(IReadOnlyList<string> patterns, string at, List<string> errors)
    {
        for (int i = 0; i < patterns.Count; i++)
        {
            if (!NamespacePatternRegex().IsMatch(patterns[i]))
            {
                errors.Add($"{at}[{i}]: expected a namespace name, a prefix ending in * (team-*), or * but found \"{patterns[i]}\"");
            }
        }
    }

    private static bool IsPemCertificate(string base64)
    {
        try
        {
            return Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void CheckKeys(JsonElement obj, string at, string[] known, List<string> errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                errors.Add($"{at}.{property.Name}: unknown key; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static string? RequiredString(JsonElement obj, string key, string at, List<string> errors)
    {
        if (!obj.TryGetProperty(key, out var value))
        {
            errors.Add($"{at}.{key}: required but missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            errors.Add($"{at}.{key}: expected a non-empty string but found {Kind(value)}");
            return null;
        }

        return value.GetString();
    }

    private static string? OptionalString(JsonElement obj, string key, string at, List<string> errors)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            errors.Add($"{at}.{key}: expected a non-empty string but found {Kind(value)}");
            return null;
        }

        return value.GetString();
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<string> StringList(JsonElement obj, string key, string at, List<string> errors)
    {
        if (!obj.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return new System.Collections.ObjectModel.ReadOnlyCollection<string>([]);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{at}.{key}: expected an array of namespace names but found {Kind(value)}");
            return new System.Collections.ObjectModel.ReadOnlyCollection<string>([]);
        }

        var list = new List<string>();
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
            else
            {
                errors.Add($"{at}.{key}[{index}]: expected a string but found {Kind(item)}");
            }

            index++;
        }

        return list.AsReadOnly();
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => "the number " + element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterNamePattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^(\*|[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?|[a-z0-9][-a-z0-9]{0,61}\*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespacePatternRegex();
}
