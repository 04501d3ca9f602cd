namespace EksOps.Tools;

/// <summary>
/// The MCP tool annotations (hints to clients; never a substitute for <see cref="ToolPolicy"/>). MCP's defaults differ
/// (<c>destructiveHint</c> and <c>openWorldHint</c> default to true), so every definition states all four explicitly.
/// </summary>
/// <param name="ReadOnly"><c>readOnlyHint</c>: the tool does not change its environment.</param>
/// <param name="Destructive"><c>destructiveHint</c>: a write may destroy or replace something (meaningful only when not read-only).</param>
/// <param name="Idempotent"><c>idempotentHint</c>: calling again with the same arguments has no further effect.</param>
/// <param name="OpenWorld"><c>openWorldHint</c>: the tool reaches beyond a closed domain (people, external systems).</param>
public sealed record ToolAnnotations(bool ReadOnly, bool Destructive, bool Idempotent, bool OpenWorld)
{
    /// <summary>A read of the cluster or CloudWatch: read-only, not destructive, idempotent, closed world.</summary>
    public static ToolAnnotations ClusterRead { get; } = new(ReadOnly: true, Destructive: false, Idempotent: true, OpenWorld: false);
}
