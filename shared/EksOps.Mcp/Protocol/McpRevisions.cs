namespace EksOps.Mcp.Protocol;

/// <summary>
/// The MCP protocol revisions this endpoint serves: exactly the ones ModelContextProtocol.Core 2.4.0 negotiates
/// (its own list is internal), so the <c>MCP-Protocol-Version</c> check and the SDK never disagree.
/// </summary>
internal static class McpRevisions
{
    public const string November2024 = "2024-11-05";
    public const string March2025 = "2025-03-26";
    public const string June2025 = "2025-06-18";
    public const string November2025 = "2025-11-25";
    public const string July2026 = "2026-07-28";

    /// <summary>Every revision served, oldest first.</summary>
    public static readonly string[] Supported = [November2024, March2025, June2025, November2025, July2026];

    /// <summary>
    /// The revision a request without <c>MCP-Protocol-Version</c> speaks: the transport spec (2025-06-18 and later) says
    /// to assume 2025-03-26, the last revision without the header.
    /// </summary>
    public const string AssumedWithoutHeader = March2025;

    public static bool IsSupported(string revision) => Supported.Contains(revision, StringComparer.Ordinal);

    /// <summary>2026-07-28 and later: no initialize handshake, <c>_meta</c> protocol version, <c>Mcp-Method</c>/<c>Mcp-Name</c> headers.</summary>
    public static bool UsesPerRequestMetadata(string revision) => string.CompareOrdinal(revision, July2026) >= 0;

    /// <summary>
    /// 2025-11-25 and later report input validation failures as tool execution errors (<c>isError</c>) so the model
    /// can correct itself; earlier revisions list "invalid arguments" among protocol errors (-32602).
    /// </summary>
    public static bool ReportsInvalidArgumentsAsToolErrors(string revision) => string.CompareOrdinal(revision, November2025) >= 0;
}
