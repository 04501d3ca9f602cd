using System.Globalization;
using EksOps.Benchmarks;

// Usage: EksOps.Benchmarks --aot <bootstrap> --jit <Function.dll> --event <event.json> [--runs 20] [--invocations 1000]
//        EksOps.Benchmarks eventstream [corpus MB, default 64]
//        EksOps.Benchmarks ingest [events per batch, default 20000] [event template]
//        EksOps.Benchmarks sizing (--bootstraps DIR | --jit) [--scenarios scenarios] [--only id,id] [--json out.json]
if (args.Length > 0 && args[0] == "eventstream")
{
    return await EventStreamBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "sizing")
{
    return await EksOps.Benchmarks.Sizing.SizingBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "ingest")
{
    return await IngestThroughputBenchmark.RunAsync(args[1..]);
}

var options = Arguments.Parse(args);
var environment = new Dictionary<string, string>
{
    ["AWS_LAMBDA_FUNCTION_NAME"] = "bench",
    ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
    ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
    ["AWS_REGION"] = "us-east-1",
};
var invocationEvent = File.ReadAllBytes(options.Event);

Console.WriteLine($"cold start: {options.Runs} spawns each; warm: {options.Invocations} invocations after {options.Warmup} warm-up; event {Path.GetFileName(options.Event)}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

// Alternate the two builds so neither gets a systematically warmer page cache.
var aotCold = new List<double>();
var jitCold = new List<double>();
for (var round = 0; round < options.Runs; round++)
{
    aotCold.AddRange(await ColdStart.MeasureAsync(options.Aot, 1, environment));
    jitCold.AddRange(await ColdStart.MeasureAsync(options.Jit, 1, environment));
}

var aotWarm = await WarmInvocations.MeasureAsync(options.Aot, invocationEvent, options.Invocations, options.Warmup);
var jitWarm = await WarmInvocations.MeasureAsync(options.Jit, invocationEvent, options.Invocations, options.Warmup);

var table = new Table(["measure", "AOT bootstrap", "JIT (dotnet .dll)", "JIT / AOT"]);
table.Add("cold start, spawn → first GET /next, median", Ms(Stats.Median(aotCold)), Ms(Stats.Median(jitCold)), Ratio(Stats.Median(jitCold), Stats.Median(aotCold)));
table.Add("cold start, p90", Ms(Stats.Percentile(aotCold, 90)), Ms(Stats.Percentile(jitCold, 90)), Ratio(Stats.Percentile(jitCold, 90), Stats.Percentile(aotCold, 90)));
table.Add("cold start, min", Ms(aotCold.Min()), Ms(jitCold.Min()), Ratio(jitCold.Min(), aotCold.Min()));
table.Add("warm round trip per invocation, median", Ms(Stats.Median(aotWarm.RoundTripMs)), Ms(Stats.Median(jitWarm.RoundTripMs)), Ratio(Stats.Median(jitWarm.RoundTripMs), Stats.Median(aotWarm.RoundTripMs)));
table.Add("warm round trip, p99", Ms(Stats.Percentile(aotWarm.RoundTripMs, 99)), Ms(Stats.Percentile(jitWarm.RoundTripMs, 99)), Ratio(Stats.Percentile(jitWarm.RoundTripMs, 99), Stats.Percentile(aotWarm.RoundTripMs, 99)));
table.Add($"RSS after {options.Warmup + options.Invocations:N0} invocations", Mb(aotWarm.RssBytes), Mb(jitWarm.RssBytes), Ratio(jitWarm.RssBytes, aotWarm.RssBytes));
table.Add("invocations that failed", aotWarm.Errors.ToString(CultureInfo.InvariantCulture), jitWarm.Errors.ToString(CultureInfo.InvariantCulture), "");
Console.WriteLine();
Console.WriteLine(table);
return aotWarm.Errors + jitWarm.Errors == 0 ? 0 : 1;

static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " ms";
static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
static string Ratio(double numerator, double denominator) => (numerator / denominator).ToString("0.0", CultureInfo.InvariantCulture) + "×";
