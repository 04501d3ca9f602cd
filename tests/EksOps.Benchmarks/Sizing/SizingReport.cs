using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Benchmarks.Sizing;

/// <summary>What the sizing run measured, as Markdown tables and as one JSON document.</summary>
internal sealed class SizingReport
{
    private readonly SizingOptions _options;
    private readonly IReadOnlyList<FunctionProcess> _functions;
    private readonly IReadOnlyList<ScenarioOutcome> _outcomes;
    private readonly IReadOnlyList<ToolOutcome> _tools;
    private readonly IReadOnlyList<double> _storeReads;
    private readonly IReadOnlyDictionary<string, (int? MemoryMB, int? TimeoutSeconds)> _template;

    public SizingReport(SizingOptions options, IReadOnlyList<FunctionProcess> functions, IReadOnlyList<ScenarioOutcome> outcomes, IReadOnlyList<ToolOutcome> tools, IReadOnlyList<double> storeReads)
    {
        _storeReads = storeReads;
        _options = options;
        _functions = functions;
        _outcomes = outcomes;
        _tools = tools;
        _template = TemplateSizes.Read(options.TemplatePath, FunctionSpec.All.Select(f => f.Project));
    }

    /// <summary>Failed invocations (tool calls included) and executions that failed, timed out or never started.</summary>
    public int Failures =>
        _functions.Sum(f => f.Samples.Count(s => s.IsError)) + _outcomes.Count(o => o.Failure is not null);

    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}";

    /// <summary>The per-function table, the per-step table and the per-scenario table.</summary>
    public string Markdown()
    {
        var text = new StringBuilder();
        var functions = new Table(["function", "peak RSS", "RSS at end", "init (p50 / max)", "first invocation (p50 / max)", "warm invocations", "p50", "p95", "max", "CPU per warm invocation (mean / p95)", "failed", "template.yaml now"]);
        foreach (var (spec, processes) in BySpec())
        {
            var samples = processes.SelectMany(p => p.Samples).ToList();
            var cold = samples.Where(s => s.Cold).ToList();
            var warm = samples.Where(s => !s.Cold).Select(s => s.DurationMs).ToList();
            var memory = processes.SelectMany(p => p.Memory).ToList();
            var inits = processes.Select(p => p.InitDuration.TotalMilliseconds).ToList();
            var template = _template.GetValueOrDefault(spec.Project);
            var slowestCold = cold.MaxBy(s => s.DurationMs);
            functions.Add(
                spec.Project,
                memory.Count == 0 ? "?" : Mb(memory.Max(m => m.PeakResidentBytes)),
                memory.Count == 0 ? "?" : Mb(processes.Where(p => p.Memory.Count > 0).Max(p => p.Memory[^1].ResidentBytes)),
                $"{Ms(Stats.Median(inits))} / {Ms(inits.Max())}",
                slowestCold is null ? "-" : $"{Ms(Stats.Median(cold.Select(s => s.DurationMs)))} / {Ms(slowestCold.DurationMs)} ({slowestCold.Label})",
                warm.Count.ToString(CultureInfo.InvariantCulture),
                warm.Count == 0 ? "-" : Ms(Stats.Median(warm)),
                warm.Count == 0 ? "-" : Ms(Stats.Percentile(warm, 95)),
                warm.Count == 0 ? "-" : Ms(warm.Max()),
                Cpu(samples.Where(s => !s.Cold)),
                Failed(samples),
                $"{(template.MemoryMB?.ToString(CultureInfo.InvariantCulture) ?? "?")} MB, {(template.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture) ?? "?")} s");
        }

        text.AppendLine(functions.ToString());
        var steps = new Table(["function", "step / tool", "n", "p50", "p95", "max", "CPU (mean / p95)", "failed"]);
        foreach (var (spec, processes) in BySpec())
        {
            foreach (var group in processes.SelectMany(p => p.Samples).Where(s => !s.Cold).GroupBy(s => s.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var durations = group.Select(s => s.DurationMs).ToList();
                steps.Add(spec.Project, group.Key, durations.Count.ToString(CultureInfo.InvariantCulture), Ms(Stats.Median(durations)), Ms(Stats.Percentile(durations, 95)), Ms(durations.Max()), Cpu(group), Failed([.. group]));
            }
        }

        text.AppendLine(steps.ToString());
        var scenarios = new Table(["scenario", "execution", "root cause (expected)", "incident", "states", "diagnose reads", "flow", "same as in-process replay"]);
        foreach (var outcome in _outcomes.Where(o => o.Round == 1))
        {
            scenarios.Add(
                outcome.Scenario,
                outcome.Execution,
                $"{outcome.RootCause ?? "-"} ({outcome.ExpectedRootCause ?? "-"})",
                outcome.IncidentStatus ?? "-",
                outcome.Path.Count == 0 ? "-" : string.Join(" → ", outcome.Path.TakeLast(3)),
                outcome.DiagnosisReads?.ToString(CultureInfo.InvariantCulture) ?? "-",
                outcome.FlowSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
                outcome.MatchesInProcess switch { true => "yes", false => "NO", null => "not checked" });
        }

        text.AppendLine(scenarios.ToString());
        if (_outcomes.Any(o => o.Round > 1))
        {
            var later = _outcomes.Where(o => o.Round > 1).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"Rounds 2 to {later.Max(o => o.Round)}: {later.Count} executions, {later.Count(o => o.Failure is null)} succeeded, {later.Count(o => o.Failure is not null)} failed; {later.Count(o => o.RootCause == _outcomes.First(first => first.Round == 1 && first.Scenario == o.Scenario).RootCause)} found the first round's root cause.");
            text.AppendLine();
        }

        foreach (var failure in _outcomes.Where(o => o.Failure is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {failure.Scenario} (round {failure.Round}): {failure.Failure}");
        }

        var toolErrors = _tools.Where(t => !t.Answered).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"Tool calls: {_tools.Count} ({_tools.Count(t => t.Answered)} answered by the tool, {toolErrors.Count} with a tool error).");
        foreach (var error in toolErrors.GroupBy(t => (t.Function, t.Tool)).OrderBy(g => g.Key.Function, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {error.Key.Function} {error.Key.Tool}: {error.Count()}, e.g. {error.First().Scenario}: {error.First().Error}");
        }

        if (_storeReads.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The incident store (moto's DynamoDB) answered a GetItem in {Ms(Stats.Median(_storeReads))} (median of {_storeReads.Count}; p95 {Ms(Stats.Percentile(_storeReads, 95))}) from the benchmark process.");
        }

        return text.ToString();
    }

    /// <summary>Everything measured, samples included.</summary>
    public JsonObject Json()
    {
        var functions = new JsonArray();
        foreach (var (spec, processes) in BySpec())
        {
            var samples = processes.SelectMany(p => p.Samples).ToList();
            var warm = samples.Where(s => !s.Cold).Select(s => s.DurationMs).ToList();
            var memory = processes.SelectMany(p => p.Memory).ToList();
            var template = _template.GetValueOrDefault(spec.Project);
            var errors = new JsonObject();
            foreach (var type in samples.Where(s => s.IsError).GroupBy(s => s.ErrorType ?? "unknown"))
            {
                errors[type.Key] = type.Count();
            }

            functions.Add(new JsonObject
            {
                ["function"] = spec.Project,
                ["executable"] = processes[0].Path,
                ["templateMemoryMB"] = template.MemoryMB,
                ["templateTimeoutSeconds"] = template.TimeoutSeconds,
                ["peakRssMB"] = memory.Count == 0 ? null : Round(memory.Max(m => m.PeakResidentBytes) / 1048576.0),
                ["invocations"] = samples.Count,
                ["failed"] = samples.Count(s => s.IsError),
                ["errorTypes"] = errors,
                ["init"] = Summary([.. processes.Select(p => p.InitDuration.TotalMilliseconds)]),
                ["cold"] = Summary([.. samples.Where(s => s.Cold).Select(s => s.DurationMs)]),
                ["warm"] = Summary(warm),
                ["warmCpu"] = CpuSummary(samples.Where(s => !s.Cold)),
                ["steps"] = new JsonArray([.. samples.Where(s => !s.Cold).GroupBy(s => s.Label).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (JsonNode)new JsonObject
                {
                    ["step"] = g.Key,
                    ["summary"] = Summary([.. g.Select(s => s.DurationMs)]),
                    ["cpu"] = CpuSummary(g),
                    ["failed"] = g.Count(s => s.IsError),
                })]),
                ["processes"] = new JsonArray([.. processes.Select(p => (JsonNode)new JsonObject
                {
                    ["deployment"] = p.Deployment,
                    ["initMs"] = Round(p.InitDuration.TotalMilliseconds),
                    ["cold"] = p.Samples.FirstOrDefault(s => s.Cold) is { } cold ? new JsonObject { ["step"] = cold.Label, ["ms"] = Round(cold.DurationMs), ["cpuMs"] = cold.CpuMs is { } cpu ? Round(cpu) : null } : null,
                    ["peakRssMB"] = p.Memory.Count == 0 ? null : Round(p.Memory.Max(m => m.PeakResidentBytes) / 1048576.0),
                    ["memoryAfterEachScenario"] = new JsonArray([.. p.Memory.Select(m => (JsonNode)new JsonObject
                    {
                        ["scenario"] = m.Scenario,
                        ["rssMB"] = Round(m.ResidentBytes / 1048576.0),
                        ["peakRssMB"] = Round(m.PeakResidentBytes / 1048576.0),
                    })]),
                })]),
            });
        }

        return new JsonObject
        {
            ["mode"] = "sizing",
            ["machine"] = Machine,
            ["build"] = _options.Build,
            ["rounds"] = _options.Rounds,
            ["measuredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["notes"] = "Durations are Lambda's billed span (Runtime API GET /next to the answer) on loopback: the EKS API, CloudWatch, "
                + "DynamoDB (moto) and Step Functions are local, and no Bedrock agent is called. Peak RSS is VmHWM of the function process.",
            ["storeGetItem"] = Summary([.. _storeReads]),
            ["functions"] = functions,
            ["scenarios"] = new JsonArray([.. _outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["scenario"] = o.Scenario,
                ["round"] = o.Round,
                ["incidentId"] = o.IncidentId,
                ["execution"] = o.Execution,
                ["rootCause"] = o.RootCause,
                ["expectedRootCause"] = o.ExpectedRootCause,
                ["incidentStatus"] = o.IncidentStatus,
                ["path"] = new JsonArray([.. o.Path.Select(p => (JsonNode)p)]),
                ["flowSeconds"] = Round(o.FlowSeconds),
                ["diagnosisReads"] = o.DiagnosisReads,
                ["matchesInProcessReplay"] = o.MatchesInProcess,
                ["inProcessPath"] = o.InProcessPath is null ? null : new JsonArray([.. o.InProcessPath.Select(p => (JsonNode)p)]),
                ["inProcessRootCause"] = o.InProcessRootCause,
                ["failure"] = o.Failure,
            })]),
            ["toolCalls"] = new JsonArray([.. _tools.Select(t => (JsonNode)new JsonObject
            {
                ["function"] = t.Function,
                ["tool"] = t.Tool,
                ["scenario"] = t.Scenario,
                ["answered"] = t.Answered,
                ["error"] = t.Error,
            })]),
            ["samples"] = new JsonArray([.. _functions.SelectMany(f => f.Samples).Select(s => (JsonNode)new JsonObject
            {
                ["function"] = s.Function,
                ["step"] = s.Label,
                ["scenario"] = s.Scenario,
                ["cold"] = s.Cold,
                ["ms"] = Round(s.DurationMs),
                ["roundTripMs"] = Round(s.RoundTripMs),
                ["cpuMs"] = s.CpuMs is { } cpu ? Round(cpu) : null,
                ["errorType"] = s.ErrorType,
            })]),
        };
    }

    /// <summary>Writes <see cref="Json"/> to <paramref name="path"/>.</summary>
    public async Task WriteJsonAsync(string path) =>
        await File.WriteAllTextAsync(path, Json().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The processes of each function (one per deployment), in <see cref="FunctionSpec.All"/> order.</summary>
    private IEnumerable<(FunctionSpec Spec, List<FunctionProcess> Processes)> BySpec() =>
        FunctionSpec.All.Select(spec => (spec, _functions.Where(f => f.Spec == spec).ToList())).Where(g => g.Item2.Count > 0);

    private static JsonObject? Summary(List<double> durations) => durations.Count == 0 ? null : new JsonObject
    {
        ["n"] = durations.Count,
        ["p50Ms"] = Round(Stats.Median(durations)),
        ["p95Ms"] = Round(Stats.Percentile(durations, 95)),
        ["maxMs"] = Round(durations.Max()),
    };

    private static string Cpu(IEnumerable<InvocationSample> samples)
    {
        var cpu = samples.Where(s => s.CpuMs is not null).Select(s => s.CpuMs!.Value).ToList();
        return cpu.Count == 0 ? "-" : $"{Ms(cpu.Average())} / {Ms(Stats.Percentile(cpu, 95))}";
    }

    private static JsonObject? CpuSummary(IEnumerable<InvocationSample> samples)
    {
        var cpu = samples.Where(s => s.CpuMs is not null).Select(s => s.CpuMs!.Value).ToList();
        return cpu.Count == 0 ? null : new JsonObject
        {
            ["n"] = cpu.Count,
            ["meanMs"] = Round(cpu.Average()),
            ["p95Ms"] = Round(Stats.Percentile(cpu, 95)),
            ["maxMs"] = Round(cpu.Max()),
        };
    }

    private static string Failed(IReadOnlyCollection<InvocationSample> samples)
    {
        var failed = samples.Where(s => s.IsError).ToList();
        return failed.Count == 0 ? "0" : $"{failed.Count} ({string.Join(", ", failed.GroupBy(s => s.ErrorType).Select(g => $"{g.Key} ×{g.Count()}"))})";
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static string Ms(double value) => value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
