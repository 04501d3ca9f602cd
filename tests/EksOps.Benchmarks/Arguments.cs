using System.Globalization;

namespace EksOps.Benchmarks;

/// <summary>The benchmark's command line.</summary>
internal sealed record Arguments(string Aot, string Jit, string Event, int Runs, int Invocations, int Warmup)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) && File.Exists(value)
            ? Path.GetFullPath(value)
            : throw new ArgumentException($"--{name} <existing file> is required (usage: --aot <bootstrap> --jit <Function.dll> --event <event.json> [--runs 20] [--invocations 1000] [--warmup 50])");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new Arguments(Required("aot"), Required("jit"), Required("event"), Number("runs", 20), Number("invocations", 1000), Number("warmup", 50));
    }
}
