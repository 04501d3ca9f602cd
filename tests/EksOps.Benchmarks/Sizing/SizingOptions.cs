using System.Globalization;
using System.Reflection;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// The <c>sizing</c> mode's command line:
/// <c>sizing (--bootstraps DIR | --jit) [--scenarios DIR] [--only id,id] [--json FILE] [--template FILE] [--no-replay-check]</c>.
/// </summary>
internal sealed record SizingOptions
{
    public const string Usage =
        "usage: sizing (--bootstraps DIR | --jit) [--scenarios scenarios] [--only id,id] [--rounds 1] [--json out.json] [--template template.yaml] [--no-replay-check]\n" +
        "  --bootstraps DIR   DIR/<Function>/bootstrap (Native AOT) or DIR/<Function>/<Function>.dll for each of " +
        "AlarmIngest, Investigate, Remediate, Approval, Report, McpServer, ActionGroup, GatewayTarget\n" +
        "  --rounds N         pass over the scenarios N times with the same warm processes (steady-state memory)\n" +
        "  --jit              each function's JIT build from this program's build (functions/<Function>/bin/<configuration>/net10.0, run with dotnet)";

    /// <summary>The executable of each function, by project name.</summary>
    public required IReadOnlyDictionary<string, string> Executables { get; init; }

    /// <summary><c>aot</c> when every executable is a bootstrap, <c>jit</c> when every one is a .dll, else <c>mixed</c>.</summary>
    public required string Build { get; init; }

    public required string ScenariosRoot { get; init; }

    /// <summary>Only these scenario ids; all when empty.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>How many passes over the scenarios the same processes make.</summary>
    public int Rounds { get; init; } = 1;

    public string? JsonPath { get; init; }

    public required string TemplatePath { get; init; }

    /// <summary>Whether each scenario is also replayed in-process (unshifted) to check the process flow took the same path.</summary>
    public bool ReplayCheck { get; init; } = true;

    /// <summary>The function's JIT build that was built with this program (see the project file).</summary>
    private static string JitBuild(string project)
    {
        string pattern = typeof(SizingOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionBuildPattern").Value!;
        return Path.GetFullPath(string.Format(CultureInfo.InvariantCulture, pattern, project));
    }

    /// <summary>Reads the arguments after <c>sizing</c>.</summary>
    /// <exception cref="ArgumentException">An argument is unknown, a value is missing, or an executable does not exist; the message has the usage.</exception>
    public static SizingOptions Parse(IReadOnlyList<string> args)
    {
        string? bootstraps = null;
        bool jit = false;
        string scenarios = "scenarios";
        string? json = null;
        string? template = null;
        bool replayCheck = true;
        int rounds = 1;
        var only = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value\n{Usage}");
            switch (args[i])
            {
                case "--bootstraps": bootstraps = Value(); break;
                case "--jit": jit = true; break;
                case "--scenarios": scenarios = Value(); break;
                case "--json": json = Value(); break;
                case "--template": template = Value(); break;
                case "--only": only.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--no-replay-check": replayCheck = false; break;
                case "--rounds":
                    string text = Value();
                    rounds = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= 100
                        ? value
                        : throw new ArgumentException($"--rounds takes a whole number from 1 to 100, not {text}\n{Usage}");
                    break;
                default: throw new ArgumentException($"unknown argument {args[i]}\n{Usage}");
            }
        }

        if ((bootstraps is null) == !jit)
        {
            throw new ArgumentException($"give exactly one of --bootstraps DIR and --jit\n{Usage}");
        }

        var executables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var function in FunctionSpec.All)
        {
            string[] candidates = bootstraps is null
                ? [JitBuild(function.Project)]
                : [Path.Combine(bootstraps, function.Project, "bootstrap"), Path.Combine(bootstraps, function.Project, function.Project + ".dll")];
            executables[function.Project] = candidates.FirstOrDefault(File.Exists) is { } found
                ? Path.GetFullPath(found)
                : throw new ArgumentException($"no executable for {function.Project}: looked for {string.Join(" and ", candidates)}\n{Usage}");
        }

        var scenariosRoot = Path.GetFullPath(scenarios);
        if (!Directory.Exists(scenariosRoot))
        {
            throw new ArgumentException($"the scenarios folder {scenariosRoot} does not exist\n{Usage}");
        }

        var kinds = executables.Values.Select(p => p.EndsWith(".dll", StringComparison.Ordinal) ? "jit" : "aot").Distinct().ToList();
        return new SizingOptions
        {
            Executables = executables,
            Build = kinds.Count == 1 ? kinds[0] : "mixed",
            ScenariosRoot = scenariosRoot,
            Only = only,
            JsonPath = json is null ? null : Path.GetFullPath(json),
            TemplatePath = Path.GetFullPath(template ?? Path.Combine(Path.GetDirectoryName(scenariosRoot) ?? ".", "template.yaml")),
            ReplayCheck = replayCheck,
            Rounds = rounds,
        };
    }
}
