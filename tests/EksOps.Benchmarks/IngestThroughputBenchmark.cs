using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EksOps.AlarmIngest;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda.Testing;

namespace EksOps.Benchmarks;

/// <summary>
/// <c>ingest</c> mode: alarm events ingested per second by AlarmIngest's handler in-process: parse the JSON, read the
/// alarm, correlate on the embedded incident store, start on an in-process starter (idempotent by name, like Step
/// Functions), publish on a counting sink. No network, so this is the handler's own cost, not AWS latency. It measures;
/// it asserts nothing, except that every run made the incidents it should (a wrong count means a broken run, not a slow one).
/// </summary>
internal static class IngestThroughputBenchmark
{
    private const int Batches = 7;
    private const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:eksops-incident";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var template = File.ReadAllText(args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "ingest-template.json"));
        Console.WriteLine($"AlarmIngest in-process: {events:N0} events per batch, {Batches} batches, median and best; embedded store, in-process starter and sink");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

        var distinct = Enumerable.Range(0, events).Select(i => Event(template, "alarm-" + i, "pod-" + i, T0.AddMilliseconds(i))).ToArray();
        var duplicate = Enumerable.Repeat(Event(template, "checkout-restarts", "checkout", T0), events).ToArray();
        var sameWorkload = Enumerable.Range(0, events).Select(i => Event(template, "checkout-alarm-" + i, "checkout", T0.AddMilliseconds(i))).ToArray();

        var table = new Table(["case", "events/s (median)", "events/s (best)", "incidents", "executions", "Incident Opened"]);
        await Measure(table, "distinct alarms, 1 caller (each opens and starts an incident)", distinct, callers: 1, expectedIncidents: events);
        await Measure(table, "distinct alarms, 8 concurrent callers", distinct, callers: 8, expectedIncidents: events);
        await Measure(table, "duplicate storm: one event delivered N times, 1 caller", duplicate, callers: 1, expectedIncidents: 1);
        await Measure(table, "duplicate storm, 8 concurrent callers", duplicate, callers: 8, expectedIncidents: 1);
        await Measure(table, "correlated storm: N alarms on one workload, 1 caller", sameWorkload, callers: 1, expectedIncidents: 1);

        Console.WriteLine();
        Console.WriteLine(table);
        return 0;
    }

    private static async Task Measure(Table table, string name, byte[][] events, int callers, int expectedIncidents)
    {
        await RunOnce(events.Take(Math.Min(events.Length, 2_000)).ToArray(), callers); // warm-up (JIT, pools)
        var rates = new List<double>();
        Outcome outcome = default;
        for (var batch = 0; batch < Batches; batch++)
        {
            var watch = Stopwatch.StartNew();
            outcome = await RunOnce(events, callers);
            rates.Add(events.Length / watch.Elapsed.TotalSeconds);
            if (outcome.Incidents != expectedIncidents || outcome.Executions != expectedIncidents || outcome.Published != expectedIncidents)
            {
                throw new InvalidOperationException($"{name}: expected {expectedIncidents} incidents, executions and events, got {outcome}.");
            }
        }

        table.Add(name, Rate(Stats.Median(rates)), Rate(rates.Max()),
            outcome.Incidents.ToString("N0", CultureInfo.InvariantCulture),
            outcome.Executions.ToString("N0", CultureInfo.InvariantCulture),
            outcome.Published.ToString("N0", CultureInfo.InvariantCulture));
    }

    /// <summary>One batch on a fresh store: every event parsed from its bytes and handled, by <paramref name="callers"/> callers.</summary>
    private static async Task<Outcome> RunOnce(byte[][] events, int callers)
    {
        var clock = new FrozenClock();
        var store = new InMemoryIncidentStore(clock);
        var starter = new InProcessStarter();
        var sink = new CountingSink();
        var handler = new AlarmIngestHandler(store, starter, sink, new AlarmIngestSettings { StateMachineArn = StateMachineArn }, clock);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < events.Length; i = Interlocked.Increment(ref next))
            {
                using var document = JsonDocument.Parse(events[i]);
                await handler.HandleAsync(document.RootElement, new TestLambdaContext { TimeProvider = clock });
            }
        })));
        return new Outcome(store.Incidents.Count, starter.Count, sink.Count);
    }

    private static byte[] Event(string template, string alarmName, string podName, DateTimeOffset at) => Encoding.UTF8.GetBytes(template
        .Replace("{{alarmName}}", alarmName, StringComparison.Ordinal)
        .Replace("{{podName}}", podName, StringComparison.Ordinal)
        .Replace("{{timestamp}}", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private readonly record struct Outcome(int Incidents, int Executions, int Published);

    /// <summary>A clock that stands still, so every alarm of a batch falls in one correlation window.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => T0.AddMinutes(1);
    }

    /// <summary>Step Functions' Standard name semantics, in memory: one execution per name.</summary>
    private sealed class InProcessStarter : IExecutionStarter
    {
        private readonly ConcurrentDictionary<string, string> _executions = new(StringComparer.Ordinal);

        public int Count => _executions.Count;

        public Task<StartExecutionResult> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new StartExecutionResult
            {
                ExecutionArn = _executions.GetOrAdd(request.Name!, name => StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name),
            });
    }

    /// <summary>Counts what was published, keeping nothing (a batch publishes tens of thousands of events).</summary>
    private sealed class CountingSink : IIncidentEventSink
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task<string> PublishAsync(IncidentEvent incidentEvent, CancellationToken cancellationToken) =>
            Task.FromResult("event-" + Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture));
    }
}
