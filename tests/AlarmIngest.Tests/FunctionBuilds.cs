namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// The builds of AlarmIngest a process-level test can run: always the JIT build next to the tests, and the Native AOT
/// <c>bootstrap</c> when <c>EKSOPS_BOOTSTRAP_X64</c> names one (CI builds it with the Makefile first).
/// </summary>
public static class FunctionBuilds
{
    public const string BootstrapVariable = "EKSOPS_BOOTSTRAP_X64";

    public static TheoryData<string> All()
    {
        var builds = new TheoryData<string> { "jit" };
        if (Environment.GetEnvironmentVariable(BootstrapVariable) is { Length: > 0 })
        {
            builds.Add("aot");
        }

        return builds;
    }

    public static string PathOf(string build) => build switch
    {
        "jit" => Path.Combine(AppContext.BaseDirectory, "AlarmIngest.dll"),
        "aot" => Environment.GetEnvironmentVariable(BootstrapVariable) is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{BootstrapVariable} does not name an existing bootstrap"),
        _ => throw new ArgumentOutOfRangeException(nameof(build), build, "jit or aot"),
    };
}
