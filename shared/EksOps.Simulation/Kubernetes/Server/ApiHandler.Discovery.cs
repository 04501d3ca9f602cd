using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Discovery: <c>/version</c>, <c>/api</c>, <c>/apis</c>, group and resource lists, and aggregated discovery (apidiscovery.k8s.io/v2).</summary>
internal sealed partial class ApiHandler
{
    private JsonObject VersionInfo()
    {
        var version = _options.KubernetesVersion;
        var numbers = version.TrimStart('v').Split('-')[0].Split('.');
        return new JsonObject
        {
            ["major"] = numbers.ElementAtOrDefault(0) ?? "1",
            ["minor"] = numbers.ElementAtOrDefault(1) ?? "32",
            ["gitVersion"] = version,
            ["gitCommit"] = "7d1f4a4d1b0d7c6e1f8b3c2a9e5d4f3b2a1c0e9d",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-09-10T18:12:31Z",
            ["goVersion"] = "go1.23.12",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    private JsonObject RootPaths()
    {
        var paths = new List<string> { "/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version" };
        foreach (var (group, versions) in Catalog.Groups.Where(g => g.Group.Length > 0))
        {
            paths.Add("/apis/" + group);
            paths.AddRange(versions.Select(v => $"/apis/{group}/{v}"));
        }

        paths.Sort(StringComparer.Ordinal);
        return new JsonObject { ["paths"] = JsonTree.StringArray(paths) };
    }

    private Task CoreVersionsAsync(HttpContext context)
    {
        var (representation, version) = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString(), discovery: true);
        if (representation == Representation.AggregatedDiscovery)
        {
            return AggregatedAsync(context, version, core: true);
        }

        var host = context.Request.Host.Value ?? "127.0.0.1";
        return WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = JsonTree.StringArray(["v1"]),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = host }),
        });
    }

    private Task GroupsAsync(HttpContext context)
    {
        var (representation, version) = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString(), discovery: true);
        if (representation == Representation.AggregatedDiscovery)
        {
            return AggregatedAsync(context, version, core: false);
        }

        var groups = new JsonArray();
        foreach (var (group, versions) in Catalog.Groups.Where(g => g.Group.Length > 0))
        {
            groups.Append(GroupBody(group, versions));
        }

        return WriteJsonAsync(context, 200, new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups });
    }

    private static JsonObject GroupDocument(string group, List<string> versions)
    {
        var document = new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" };
        foreach (var (name, value) in GroupBody(group, versions).ToList())
        {
            document[name] = value?.DeepClone();
        }

        return document;
    }

    private static JsonObject GroupBody(string group, List<string> versions)
    {
        var list = new JsonArray();
        foreach (var version in versions)
        {
            list.Append(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    /// <summary>An <c>APIResourceList</c>: each resource, then its subresources, as the server lists them.</summary>
    private JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in Catalog.InGroupVersion(group, version))
        {
            var entry = new JsonObject
            {
                ["name"] = type.Name,
                ["singularName"] = type.SingularName,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = JsonTree.StringArray(type.Verbs),
            };
            if (type.ShortNames.Count > 0)
            {
                entry["shortNames"] = JsonTree.StringArray(type.ShortNames);
            }

            if (type.Categories.Count > 0)
            {
                entry["categories"] = JsonTree.StringArray(type.Categories);
            }

            resources.Append(entry);
            foreach (var sub in type.Subresources)
            {
                var subEntry = new JsonObject { ["name"] = sub.Name, ["singularName"] = "", ["namespaced"] = type.Namespaced };
                if (sub.Group is not null)
                {
                    subEntry["group"] = sub.Group;
                    subEntry["version"] = sub.Version;
                }

                subEntry["kind"] = sub.Kind;
                subEntry["verbs"] = JsonTree.StringArray(sub.Verbs);
                resources.Append(subEntry);
            }
        }

        var list = new JsonObject { ["kind"] = "APIResourceList" };
        if (group.Length > 0)
        {
            list["apiVersion"] = "v1";
        }

        list["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}";
        list["resources"] = resources;
        return list;
    }

    /// <summary>Aggregated discovery for <c>/api</c> (the core group) or <c>/apis</c> (every other group).</summary>
    private Task AggregatedAsync(HttpContext context, string discoveryVersion, bool core)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in Catalog.Groups.Where(g => (g.Group.Length == 0) == core))
        {
            var versionList = new JsonArray();
            foreach (var version in versions)
            {
                var resources = new JsonArray();
                foreach (var type in Catalog.InGroupVersion(group, version))
                {
                    var entry = new JsonObject
                    {
                        ["resource"] = type.Name,
                        ["responseKind"] = Gvk(group, version, type.Kind),
                        ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = type.SingularName,
                        ["verbs"] = JsonTree.StringArray(type.Verbs),
                    };
                    if (type.ShortNames.Count > 0)
                    {
                        entry["shortNames"] = JsonTree.StringArray(type.ShortNames);
                    }

                    if (type.Categories.Count > 0)
                    {
                        entry["categories"] = JsonTree.StringArray(type.Categories);
                    }

                    if (type.Subresources.Count > 0)
                    {
                        var subs = new JsonArray();
                        foreach (var sub in type.Subresources)
                        {
                            subs.Append(new JsonObject
                            {
                                ["subresource"] = sub.Name[(type.Name.Length + 1)..],
                                ["responseKind"] = Gvk(sub.Group ?? group, sub.Version ?? version, sub.Kind),
                                ["verbs"] = JsonTree.StringArray(sub.Verbs),
                            });
                        }

                        entry["subresources"] = subs;
                    }

                    resources.Append(entry);
                }

                versionList.Append(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }

            var metadata = new JsonObject();
            if (group.Length > 0)
            {
                metadata["name"] = group;
            }

            metadata["creationTimestamp"] = null;
            items.Append(new JsonObject { ["metadata"] = metadata, ["versions"] = versionList });
        }

        var body = new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/" + discoveryVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
        context.Response.Headers.Vary = "Accept";
        return WriteJsonAsync(context, 200, body, $"application/json;g=apidiscovery.k8s.io;v={discoveryVersion};as=APIGroupDiscoveryList");
    }

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };
}
