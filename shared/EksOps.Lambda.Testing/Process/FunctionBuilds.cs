namespace EksOps.Lambda.Testing;

/// <summary>
/// The builds of a function a process-level test can run: always the JIT build copied next to the tests
/// (<c>&lt;Function&gt;.dll</c>), and the Native AOT <c>bootstrap</c> when <c>EKSOPS_BOOTSTRAPS</c> names a folder holding
/// <c>&lt;Function&gt;/bootstrap</c> (CI builds them with the Makefile first), so the binary Lambda runs is tested too.
/// </summary>
public static class FunctionBuilds
{
    /// <summary>The folder of AOT bootstraps, one subfolder per function.</summary>
    public const string BootstrapsVariable = "EKSOPS_BOOTSTRAPS";

    /// <summary>The JIT build.</summary>
    public const string Jit = "jit";

    /// <summary>The Native AOT bootstrap.</summary>
    public const string Aot = "aot";

    /// <summary>The builds of <paramref name="function"/> available here, as xunit member data (one string argument each).</summary>
    /// <param name="function">The function's project name, e.g. <c>McpServer</c>.</param>
    /// <returns><c>jit</c>, and <c>aot</c> when its bootstrap exists.</returns>
    public static IEnumerable<object[]> For(string function)
    {
        yield return [Jit];
        if (AotPath(function) is not null)
        {
            yield return [Aot];
        }
    }

    /// <summary>The path <see cref="LambdaProcessOptions.Path"/> takes for a build.</summary>
    /// <param name="function">The function's project name.</param>
    /// <param name="build"><c>jit</c> or <c>aot</c>.</param>
    /// <returns>The <c>.dll</c> or the <c>bootstrap</c>.</returns>
    /// <exception cref="InvalidOperationException">The AOT build was asked for but does not exist.</exception>
    public static string PathOf(string function, string build) => build switch
    {
        Jit => Path.Combine(AppContext.BaseDirectory, function + ".dll"),
        Aot => AotPath(function) ?? throw new InvalidOperationException($"{BootstrapsVariable} does not hold {function}/bootstrap"),
        _ => throw new ArgumentOutOfRangeException(nameof(build), build, "jit or aot"),
    };

    private static string? AotPath(string function) =>
        Environment.GetEnvironmentVariable(BootstrapsVariable) is { Length: > 0 } folder && File.Exists(Path.Combine(folder, function, "bootstrap"))
            ? Path.Combine(folder, function, "bootstrap")
            : null;
}
