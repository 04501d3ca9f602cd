using System.Text.Json.Serialization;

namespace EksOps.Lambda.Tests.Support;

/// <summary>
/// The real runtime (<see cref="LambdaRuntime.RunAsync{TIn, TOut}(Func{Func{TIn, ILambdaContext, Task{TOut}}}, JsonSerializerContext, LambdaRuntimeOptions?, CancellationToken)"/>)
/// running in-process against a <see cref="RuntimeApiServer"/>, with captured output and a dictionary environment.
/// </summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    public const string FunctionName = "harness-function";

    private readonly CancellationTokenSource _stop;

    private RuntimeHarness(RuntimeApiServer server, CapturedOutputStream output, Dictionary<string, string?> environment, Task<int> run, CancellationTokenSource stop)
    {
        Server = server;
        Output = output;
        Environment = environment;
        Run = run;
        _stop = stop;
    }

    public RuntimeApiServer Server { get; }

    public CapturedOutputStream Output { get; }

    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The runtime's exit code, once it stops.</summary>
    public Task<int> Run { get; }

    /// <summary>The environment every harness gets unless a test overrides a variable.</summary>
    public static Dictionary<string, string?> DefaultEnvironment() => new(StringComparer.Ordinal)
    {
        ["AWS_LAMBDA_FUNCTION_NAME"] = FunctionName,
        ["AWS_LAMBDA_FUNCTION_VERSION"] = "7",
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/harness-function",
        ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2025/01/01/[7]0123456789abcdef",
        ["AWS_REGION"] = "eu-west-1",
    };

    public static Task<RuntimeHarness> StartAsync<TIn, TOut>(
        Func<TIn, ILambdaContext, Task<TOut>> handler,
        IReadOnlyDictionary<string, string?>? environment = null,
        JsonSerializerContext? jsonContext = null,
        bool setTraceIdEnvironmentVariable = false,
        TimeSpan? cancellationMargin = null) =>
        StartAsync(() => handler, environment, jsonContext, setTraceIdEnvironmentVariable, cancellationMargin);

    public static async Task<RuntimeHarness> StartAsync<TIn, TOut>(
        Func<Func<TIn, ILambdaContext, Task<TOut>>> initialize,
        IReadOnlyDictionary<string, string?>? environment = null,
        JsonSerializerContext? jsonContext = null,
        bool setTraceIdEnvironmentVariable = false,
        TimeSpan? cancellationMargin = null)
    {
        var server = await RuntimeApiServer.StartAsync(cancellationToken: Wait.Token);
        var variables = DefaultEnvironment();
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        var output = new CapturedOutputStream();
        var options = new LambdaRuntimeOptions
        {
            RuntimeApiAddress = server.Address,
            Output = output,
            // Never the process environment: tests must not see each other's or the machine's variables.
            EnvironmentVariable = name => variables.TryGetValue(name, out var value) ? value : null,
            SetTraceIdEnvironmentVariable = setTraceIdEnvironmentVariable,
            CancellationMargin = cancellationMargin ?? new LambdaRuntimeOptions().CancellationMargin,
        };
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => LambdaRuntime.RunAsync(initialize, jsonContext ?? TestJsonContext.Default, options, stop.Token));
        return new RuntimeHarness(server, output, variables, run, stop);
    }

    public Task<InvocationResult> InvokeAsync(string json, InvocationOptions? options = null) =>
        Server.InvokeAsync(json, options, Wait.Token).Bounded();

    public Task<InvocationResult> InvokeAsync(Ping ping, InvocationOptions? options = null) =>
        InvokeAsync(JsonSerializer.Serialize(ping, TestJsonContext.Default.Ping), options);

    /// <summary>Stops the runtime through its cancellation token and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.Bounded();
    }

    /// <summary>The output lines that are JSON objects, parsed.</summary>
    public IReadOnlyList<JsonElement> JsonLines() =>
        [.. Output.Lines.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    /// <summary>The output lines that are log lines (not EMF documents), in either format.</summary>
    public IReadOnlyList<string> LogLines() => [.. Output.Lines.Where(line => !IsEmf(line))];

    /// <summary>The JSON log lines (not EMF documents), parsed.</summary>
    public IReadOnlyList<JsonElement> JsonLogLines() => [.. JsonLines().Where(line => !line.TryGetProperty("_aws", out _))];

    /// <summary>The EMF documents written so far.</summary>
    public IReadOnlyList<JsonElement> EmfDocuments() => [.. JsonLines().Where(line => line.TryGetProperty("_aws", out _))];

    private static bool IsEmf(string line) => line.StartsWith("{\"_aws\"", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(Wait.Generous, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // Reported by the test that hung it; disposal must still release the port.
        }

        await Server.DisposeAsync();
        _stop.Dispose();
    }
}
