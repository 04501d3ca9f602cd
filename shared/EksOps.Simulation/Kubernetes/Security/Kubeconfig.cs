using System.Text;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Writes a kubeconfig with one cluster (server and <c>certificate-authority-data</c>), one user (a bearer token) and one context.</summary>
internal static class Kubeconfig
{
    public static string Create(string name, string server, string caPem, string token, string? defaultNamespace)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var builder = new StringBuilder()
            .Append("apiVersion: v1\n")
            .Append("kind: Config\n")
            .Append("clusters:\n")
            .Append("- name: ").Append(Quote(name)).Append('\n')
            .Append("  cluster:\n")
            .Append("    server: ").Append(Quote(server)).Append('\n')
            .Append("    certificate-authority-data: ").Append(ca).Append('\n')
            .Append("users:\n")
            .Append("- name: ").Append(Quote(name + "-user")).Append('\n')
            .Append("  user:\n")
            .Append("    token: ").Append(Quote(token)).Append('\n')
            .Append("contexts:\n")
            .Append("- name: ").Append(Quote(name)).Append('\n')
            .Append("  context:\n")
            .Append("    cluster: ").Append(Quote(name)).Append('\n')
            .Append("    user: ").Append(Quote(name + "-user")).Append('\n');
        if (!string.IsNullOrEmpty(defaultNamespace))
        {
            builder.Append("    namespace: ").Append(Quote(defaultNamespace)).Append('\n');
        }

        return builder
            .Append("current-context: ").Append(Quote(name)).Append('\n')
            .Append("preferences: {}\n")
            .ToString();
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
