using System.Diagnostics;

namespace EksOps.Template.Tests.Support;

/// <summary>Runs a command to completion in the repository root, capturing its output.</summary>
internal static class ProcessRunner
{
    // Generous: a loaded 2-core machine can take tens of seconds for the translator's imports; a hung child must still end the test.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; without the environment variables whose names start with one of <paramref name="removeVariablePrefixes"/>.</summary>
    /// <exception cref="TimeoutException">The command did not finish in time; it was killed.</exception>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, params string[] removeVariablePrefixes)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(name => removeVariablePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {Timeout.TotalSeconds:0} s");
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
