using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>One change to the stored objects, as a watch reports it: <c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>.</summary>
internal sealed record ObjectChange(string Type, string StorageKey, JsonObject Object, long ResourceVersion);
