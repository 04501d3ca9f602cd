using System.CommandLine;

namespace EksOps.Cli;

/// <summary>The <c>eksops</c> command line.</summary>
internal static class EksOpsCommand
{
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("EksOps: CloudWatch alarms on Amazon EKS workloads turned into incident response, run locally on scenarios.")
        {
            ServeCommand.Create(output, error),
            ServeMcpCommand.Create(output, error),
            EvalCommand.Create(output, error),
            ReplayCommand.Create(output, error, Console.In),
        };
        return root;
    }
}
