using System.Diagnostics;
using EksOps.Lambda.Testing;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// One function's executable (its Native AOT <c>bootstrap</c>, or <c>dotnet &lt;Project&gt;.dll</c>) running as Lambda
/// runs it — a child process polling its own loopback Runtime API — kept warm for the whole run, with what the sizing
/// report needs: the init duration (spawn → first <c>GET /next</c>), every invocation's duration as Lambda bills it
/// (handed out by <c>GET /next</c> → answered), labelled by step or tool, and the process's resident memory.
/// </summary>
internal sealed class FunctionProcess : IAsyncDisposable
{
    // Long enough to measure whatever an invocation takes here instead of cutting it off; the report compares the
    // measured maximum with template.yaml's Timeout.
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InitPatience = TimeSpan.FromSeconds(60);

    private readonly RuntimeApiServer _server;
    private readonly LambdaProcess _process;
    private readonly List<InvocationSample> _samples = [];
    private readonly List<MemorySample> _memory = [];
    // Lambda gives a sandbox one invocation at a time (a second one goes to another sandbox): so does this process,
    // which also keeps each invocation's CPU reading its own.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _invocations;

    private FunctionProcess(FunctionSpec spec, string deployment, string arn, string path, RuntimeApiServer server, LambdaProcess process)
    {
        Spec = spec;
        Deployment = deployment;
        Arn = arn;
        Path = path;
        _server = server;
        _process = process;
    }

    public FunctionSpec Spec { get; }

    /// <summary>The deployment (its cluster) the process belongs to.</summary>
    public string Deployment { get; }

    public string Arn { get; }

    /// <summary>The executable: a <c>bootstrap</c> or a <c>.dll</c>.</summary>
    public string Path { get; }

    /// <summary>Spawn → the first <c>GET /next</c>: Lambda's Init Duration.</summary>
    public TimeSpan InitDuration { get; private set; }

    /// <summary>Whether the process still runs.</summary>
    public bool IsRunning => !_process.HasExited;

    public IReadOnlyList<InvocationSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<MemorySample> Memory
    {
        get
        {
            lock (_memory)
            {
                return [.. _memory];
            }
        }
    }

    /// <summary>The function's last log lines, to explain a failure.</summary>
    public IEnumerable<string> LastOutput(int lines) => _process.StandardOutput.TakeLast(lines).Concat(_process.StandardError.TakeLast(lines));

    /// <summary>Starts the executable and waits for its init to end (its first <c>GET /next</c>).</summary>
    /// <exception cref="InvalidOperationException">The init failed, the process exited, or it did not ask for work within a minute.</exception>
    public static async Task<FunctionProcess> StartAsync(
        FunctionSpec spec, string deployment, string path, string region, string accountId, int memorySizeMB, IReadOnlyDictionary<string, string?> environment)
    {
        var arn = spec.Arn(region, accountId);
        var server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { FunctionArn = arn });
        LambdaProcess process;
        try
        {
            process = LambdaProcess.Start(server, new LambdaProcessOptions
            {
                Path = path,
                FunctionName = spec.FunctionName,
                MemorySizeMB = memorySizeMB,
                Region = region,
                LogFormat = "JSON",
                Environment = environment,
            });
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        var function = new FunctionProcess(spec, deployment, arn, path, server, process);
        try
        {
            var first = server.FirstNextRequest;
            var ended = await Task.WhenAny(first, server.InitErrorReported, process.WaitForExitAsync(), Task.Delay(InitPatience));
            if (ended != first)
            {
                string why = server.InitErrorReported.IsCompletedSuccessfully
                    ? $"init error {server.InitErrorReported.Result.ErrorType}: {server.InitErrorReported.Result.ErrorMessage}"
                    : process.HasExited ? $"exited with {process.ExitCode}" : "no GET /next within a minute";
                throw new InvalidOperationException($"{spec.Project} ({path}) did not start: {why}\n{string.Join('\n', function.LastOutput(20))}");
            }

            function.InitDuration = await first - process.StartedAt;
            return function;
        }
        catch
        {
            await function.DisposeAsync();
            throw;
        }
    }

    /// <summary>Invokes the function and records the invocation under <paramref name="label"/>.</summary>
    /// <param name="payload">The event JSON.</param>
    /// <param name="label">What the invocation did: the step, the tool, the kind of event.</param>
    /// <param name="scenario">The scenario it belongs to.</param>
    /// <param name="clientContext">Lambda's client context JSON (AgentCore Gateway's tool name).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The function's answer.</returns>
    public async Task<InvocationResult> InvokeAsync(string payload, string label, string scenario, string? clientContext = null, CancellationToken cancellationToken = default)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Spec.Project} exited with {_process.ExitCode}; it cannot take the {label} invocation of {scenario}:\n{string.Join('\n', LastOutput(10))}");
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        InvocationResult result;
        InvocationSample sample;
        try
        {
            bool cold = Interlocked.Increment(ref _invocations) == 1;
            var cpuBefore = ProcessCpu.Threads(_process.Id);
            long began = Stopwatch.GetTimestamp();
            result = await _server.InvokeAsync(payload, new InvocationOptions { Timeout = InvocationTimeout, FunctionArn = Arn, ClientContext = clientContext }, cancellationToken);
            double roundTrip = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            double? cpu = cpuBefore is not null && ProcessCpu.Threads(_process.Id) is { } cpuAfter ? ProcessCpu.Between(cpuBefore, cpuAfter) : null;
            double? duration = result.DeliveredAt is { } delivered ? (result.CompletedAt - delivered).TotalMilliseconds : null;
            sample = new InvocationSample(Spec.Project, label, scenario, cold, duration ?? roundTrip, roundTrip, cpu, result.IsError, result.IsError ? result.ErrorType ?? "unknown" : null);
        }
        finally
        {
            _oneAtATime.Release();
        }

        lock (_samples)
        {
            _samples.Add(sample);
        }

        return result;
    }

    /// <summary>Records the process's resident memory now, after <paramref name="scenario"/>.</summary>
    public void SampleMemory(string scenario)
    {
        if (_process.ReadMemory() is { } memory)
        {
            lock (_memory)
            {
                _memory.Add(new MemorySample(scenario, memory.ResidentBytes, memory.PeakResidentBytes));
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _server.DisposeAsync();
        _oneAtATime.Dispose();
    }
}
