using System.Text.Json.Nodes;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Evidence;

/// <summary>A Kubernetes object read in full, with the record that showed it and its controlling owners.</summary>
internal sealed record ObservedObject(JsonObject Object, string EvidenceId, IReadOnlyList<ObjectRef> OwnerChain)
{
    public string Kind => JsonFields.Str(Object, "kind") ?? string.Empty;

    public string? Namespace => JsonFields.Str(Object, "metadata", "namespace");

    public string Name => JsonFields.Str(Object, "metadata", "name") ?? string.Empty;

    public ObjectRef Ref => new(Kind, Namespace, Name);

    /// <summary>The top of the owner chain (Pod → ReplicaSet → Deployment gives the Deployment), or the object itself.</summary>
    public ObjectRef TopOwner => OwnerChain.Count > 0 ? OwnerChain[^1] : Ref;

    /// <summary>The direct controlling owner, if any.</summary>
    public ObjectRef? Owner => OwnerChain.Count > 0 ? OwnerChain[0] : null;
}
