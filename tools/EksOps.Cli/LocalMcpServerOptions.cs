using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.Cli;

/// <summary>How <see cref="LocalMcpServer"/> serves.</summary>
internal sealed class LocalMcpServerOptions
{
    /// <summary>The default loopback port of <c>serve-mcp</c>.</summary>
    public const int DefaultPort = 8765;

    /// <summary>The loopback port; 0 for any free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Browser origins admitted (e.g. the MCP Inspector's); none by default.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>The policy; <see langword="null"/> reads the <c>EKSOPS_*</c> policy variables.</summary>
    public ToolPolicyOptions? Policy { get; init; }

    /// <summary>Where the function's log lines go.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>With a kubeconfig: the cluster's name in the registry.</summary>
    public string ClusterName { get; init; } = "local";

    /// <summary>With a kubeconfig: the cluster's environment, which the write policy reads.</summary>
    public ClusterEnvironment Environment { get; init; } = ClusterEnvironment.Development;

    /// <summary>With a kubeconfig: the cluster's Region.</summary>
    public string Region { get; init; } = "us-east-1";
}
