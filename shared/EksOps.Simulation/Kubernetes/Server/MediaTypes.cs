namespace EksOps.Simulation.Kubernetes;

/// <summary>Content negotiation the way the API server does it: the first acceptable entry of <c>Accept</c> wins.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    /// <summary>The chosen representation and the version its <c>v</c> parameter named (<c>v1</c> for tables, <c>v2</c> for discovery).</summary>
    /// <exception cref="ApiException">406 when nothing in <c>Accept</c> can be served.</exception>
    public static (Representation Representation, string Version) Negotiate(string? accept, bool discovery)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return (Representation.Object, "");
        }

        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';');
            var type = parts[0].Trim().ToLowerInvariant();
            if (type is not (Json or "*/*" or "application/*"))
            {
                continue;
            }

            string? @as = null, version = null, group = null;
            foreach (var parameter in parts.Skip(1))
            {
                var pair = parameter.Split('=', 2);
                var value = pair.Length == 2 ? pair[1].Trim().Trim('"') : "";
                switch (pair[0].Trim().ToLowerInvariant())
                {
                    case "as":
                        @as = value;
                        break;
                    case "v":
                        version = value;
                        break;
                    case "g":
                        group = value;
                        break;
                }
            }

            switch (@as)
            {
                case null:
                    return (Representation.Object, "");
                case "APIGroupDiscoveryList" when discovery && group == "apidiscovery.k8s.io" && version is "v2" or "v2beta1":
                    return (Representation.AggregatedDiscovery, version!);
                case "Table" when !discovery && group == "meta.k8s.io" && version is "v1" or "v1beta1":
                    return (Representation.Table, version!);
                case "PartialObjectMetadata" or "PartialObjectMetadataList" when !discovery && group == "meta.k8s.io" && version is "v1" or "v1beta1":
                    return (Representation.Metadata, version!);
            }
        }

        throw ApiErrors.NotAcceptable();
    }

    /// <summary>The media type of a <c>Content-Type</c> header, lower-case, without parameters.</summary>
    public static string Of(string? contentType) => (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
