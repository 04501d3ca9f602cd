using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>The cluster DNS (CoreDNS, <c>k8s-app=kube-dns</c>) without ready replicas, which breaks name resolution for every pod.</summary>
internal sealed class ClusterDnsAnalyzer : IAnalyzer
{
    public string Name => "cluster-dns";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var dns in snapshot.OfKind("Deployment", "kube-system").Where(IsClusterDns))
        {
            var desired = JsonFields.Long(dns.Object, "spec", "replicas") ?? 1;
            var ready = JsonFields.Long(dns.Object, "status", "readyReplicas") ?? 0;
            if (ready < desired && ready * 2 <= desired)
            {
                yield return Found.Make(Name, FindingKind.ClusterDnsUnavailable, dns.Ref, $"{dns.Ref}, the cluster DNS, has {ready}/{desired} replicas ready", dns.EvidenceId);
            }
        }
    }

    internal static bool IsClusterDns(ObservedObject deployment) =>
        JsonFields.Map(deployment.Object, "metadata", "labels").GetValueOrDefault("k8s-app") == "kube-dns" || deployment.Name is "coredns" or "kube-dns";
}
