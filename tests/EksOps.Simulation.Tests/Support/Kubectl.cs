using System.Diagnostics;

namespace EksOps.Simulation.Tests;

/// <summary>Runs <c>/usr/bin/kubectl</c> against a kubeconfig, with its cache and home in a private directory.</summary>
public sealed class Kubectl(string kubeconfig, string directory)
{
    public const string Path = "/usr/bin/kubectl";

    public async Task<KubectlResult> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"These tests drive the real kubectl (1.32) at {Path}; it is not installed.");
        }

        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--kubeconfig", kubeconfig, "--cache-dir", System.IO.Path.Combine(directory, "cache"), "--request-timeout", "20s" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = directory;
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish in 60 s.");
        }

        return new KubectlResult(process.ExitCode, await output, await error);
    }
}

/// <summary>What one kubectl run printed.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
