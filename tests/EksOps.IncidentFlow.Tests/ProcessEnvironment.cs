namespace EksOps.IncidentFlow.Tests;

/// <summary>Process environment variables set for one test and restored after it; tests that use it run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";

    /// <summary>Sets the variables; disposing the result restores what was there.</summary>
    public static IDisposable Set(params (string Name, string Value)[] variables)
    {
        var saved = variables.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name))).ToList();
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return new Restore(saved);
    }

    private sealed class Restore(List<(string Name, string? Value)> saved) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
