using System.Diagnostics;
using System.Globalization;

namespace EksOps.Lambda.Testing;

/// <summary>
/// A function's executable running as a child process against a <see cref="RuntimeApiServer"/>, with the environment
/// Lambda gives a custom runtime. Captures stdout and stderr by line; kills the process tree when disposed.
/// </summary>
/// <example>
/// <code>
/// await using var server = await RuntimeApiServer.StartAsync();
/// await using var function = LambdaProcess.Start(server, new LambdaProcessOptions { Path = "artifacts/bootstrap" });
/// var result = await server.InvokeAsync("{}");
/// var coldStart = await server.FirstNextRequest - function.StartedAt;
/// </code>
/// </example>
public sealed class LambdaProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly OutputLines _stdout = new();
    private readonly OutputLines _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;
    private int _exitHandled;
    private int _exitCode;

    private LambdaProcess(System.Diagnostics.Process process, IReadOnlyDictionary<string, string?> environment)
    {
        _process = process;
        Environment = environment;
    }

    /// <summary>The process id.</summary>
    public int Id { get; private set; }

    /// <summary>The time just before the process was started: the start of a cold start.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The Lambda variables the process was given (without the inherited environment).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The exit code once the process has ended; <see langword="null"/> while it runs.</summary>
    public int? ExitCode => HasExited ? _exitCode : null;

    /// <summary>A snapshot of the lines written to stdout.</summary>
    public IReadOnlyList<string> StandardOutput => _stdout.Snapshot();

    /// <summary>A snapshot of the lines written to stderr.</summary>
    public IReadOnlyList<string> StandardError => _stderr.Snapshot();

    /// <summary>Starts <paramref name="options"/>' executable with <c>AWS_LAMBDA_RUNTIME_API</c> pointing at <paramref name="server"/>.</summary>
    /// <param name="server">The Runtime API the process serves.</param>
    /// <param name="options">The executable and its environment.</param>
    /// <returns>The running process.</returns>
    public static LambdaProcess Start(RuntimeApiServer server, LambdaProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Start(server.Address, options);
    }

    /// <summary>Starts <paramref name="options"/>' executable with <c>AWS_LAMBDA_RUNTIME_API</c> = <paramref name="runtimeApiAddress"/>.</summary>
    /// <param name="runtimeApiAddress">The Runtime API's <c>host:port</c>.</param>
    /// <param name="options">The executable and its environment.</param>
    /// <returns>The running process.</returns>
    public static LambdaProcess Start(string runtimeApiAddress, LambdaProcessOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApiAddress);
        ArgumentNullException.ThrowIfNull(options);
        var path = System.IO.Path.GetFullPath(options.Path);
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
            WorkingDirectory = options.WorkingDirectory ?? System.IO.Path.GetDirectoryName(path) ?? System.Environment.CurrentDirectory,
        };
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            startInfo.FileName = DotnetHost();
            startInfo.ArgumentList.Add(path);
        }
        else
        {
            startInfo.FileName = path;
        }

        foreach (var argument in options.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var environment = LambdaEnvironment(runtimeApiAddress, options, System.IO.Path.GetDirectoryName(path) ?? string.Empty);
        var variables = startInfo.Environment;
        if (!options.InheritEnvironment)
        {
            variables.Clear();
        }

        foreach (var name in variables.Keys.ToList())
        {
            if (name.StartsWith("AWS_", StringComparison.Ordinal) || name is "_X_AMZN_TRACE_ID" or "_HANDLER")
            {
                variables.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        var process = new System.Diagnostics.Process { StartInfo = startInfo };
        var lambda = new LambdaProcess(process, environment);
        process.OutputDataReceived += (_, e) => lambda._stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => lambda._stderr.Add(e.Data);
        lambda.StartedAt = DateTimeOffset.UtcNow;
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        lambda.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Only now: waiting for the exit must also wait for the output readers, which exist from here on.
        process.Exited += (_, _) => _ = lambda.OnExitedAsync();
        process.EnableRaisingEvents = true;
        if (process.HasExited)
        {
            _ = lambda.OnExitedAsync();
        }

        return lambda;
    }

    /// <summary>
    /// Reads the process's resident memory now and its peak so far (<c>VmRSS</c>, <c>VmHWM</c>). For a <c>.dll</c> run
    /// with <c>dotnet</c> this is the <c>dotnet</c> host process, which is the function. Read it before disposing: a
    /// process that has ended has no memory to read.
    /// </summary>
    /// <returns>The memory; <see langword="null"/> once the process has ended, or where <c>/proc</c> does not exist.</returns>
    public ProcessMemory? ReadMemory() => HasExited ? null : ProcessMemory.Read(Id);

    /// <summary>Waits for the process to end.</summary>
    /// <param name="cancellationToken">Stops waiting (the process keeps running).</param>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _exited.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _exitCode;
    }

    /// <summary>Waits until a stdout line matching <paramref name="predicate"/> is written (or returns one already written).</summary>
    /// <param name="predicate">Which line to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The first matching line.</returns>
    /// <exception cref="InvalidOperationException">The process ended without writing such a line.</exception>
    public Task<string> WaitForOutputAsync(Func<string, bool> predicate, CancellationToken cancellationToken = default) =>
        _stdout.WaitAsync(predicate, cancellationToken);

    /// <summary>Waits until a stderr line matching <paramref name="predicate"/> is written (or returns one already written).</summary>
    /// <param name="predicate">Which line to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The first matching line.</returns>
    /// <exception cref="InvalidOperationException">The process ended without writing such a line.</exception>
    public Task<string> WaitForErrorOutputAsync(Func<string, bool> predicate, CancellationToken cancellationToken = default) =>
        _stderr.WaitAsync(predicate, cancellationToken);

    /// <summary>Kills the process and its children if still running, and waits for it to end.</summary>
    /// <returns>A task that completes when the process is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await OnExitedAsync().ConfigureAwait(false);
        try
        {
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Did not die in time; nothing more can be done from here.
        }

        _process.Dispose();
    }

    /// <summary>Records the end of the process once its output is drained (the Exited event can come before the last lines).</summary>
    private async Task OnExitedAsync()
    {
        if (Interlocked.Exchange(ref _exitHandled, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            _exitCode = _process.ExitCode;
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            _exitCode = -1;
        }

        _stdout.Complete();
        _stderr.Complete();
        _exited.TrySetResult();
    }

    private static Dictionary<string, string?> LambdaEnvironment(string runtimeApiAddress, LambdaProcessOptions options, string taskRoot)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApiAddress,
            ["AWS_LAMBDA_FUNCTION_NAME"] = options.FunctionName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = options.FunctionVersion,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = options.MemorySizeMB.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = options.LogGroupName ?? $"/aws/lambda/{options.FunctionName}",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = options.LogStreamName ?? $"{DateTime.UtcNow:yyyy'/'MM'/'dd}/[{options.FunctionVersion}]{Guid.NewGuid():N}",
            ["AWS_LAMBDA_LOG_FORMAT"] = options.LogFormat,
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_REGION"] = options.Region,
            ["AWS_DEFAULT_REGION"] = options.Region,
            ["LAMBDA_TASK_ROOT"] = taskRoot,
            ["TZ"] = ":UTC",
        };
        if (options.LogLevel is not null)
        {
            environment["AWS_LAMBDA_LOG_LEVEL"] = options.LogLevel;
        }

        if (options.Handler is not null)
        {
            environment["_HANDLER"] = options.Handler;
        }

        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The <c>dotnet</c> host: the one running this process when it is <c>dotnet</c>, else the SDK's, else from PATH.</summary>
    private static string DotnetHost()
    {
        var current = System.Environment.ProcessPath;
        if (current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
