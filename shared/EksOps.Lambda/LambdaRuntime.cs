using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EksOps.Lambda.RuntimeApi;

namespace EksOps.Lambda;

/// <summary>
/// Runs a function as a Lambda custom runtime (<c>provided.al2023</c>): the whole <c>Program.cs</c> of a function is
/// one call to <see cref="RunAsync{TIn, TOut}(Func{Func{TIn, ILambdaContext, Task{TOut}}}, JsonSerializerContext, LambdaRuntimeOptions?, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <para>Events and responses are (de)serialized only through the source-generated <see cref="JsonSerializerContext"/>
/// the function passes, so the executable is trim- and Native-AOT-safe.</para>
/// <para>A handler exception, an event that cannot be read and a response over 6 MB are each reported on the Runtime
/// API's error route with <c>errorType</c> set to the exception's short type name; the loop goes on to the next
/// invocation.</para>
/// <list type="table">
/// <listheader><term>Variable</term><description>Effect</description></listheader>
/// <item><term><c>AWS_LAMBDA_RUNTIME_API</c></term><description>Where the Runtime API listens (<c>host:port</c>).</description></item>
/// <item><term><c>AWS_LAMBDA_LOG_FORMAT</c></term><description><c>Text</c> (default) or <c>JSON</c> log lines.</description></item>
/// <item><term><c>AWS_LAMBDA_LOG_LEVEL</c></term><description>Minimum level: <c>TRACE</c>, <c>DEBUG</c>, <c>INFO</c> (default), <c>WARN</c>, <c>ERROR</c>, <c>FATAL</c>.</description></item>
/// <item><term><c>EKSOPS_METRICS_NAMESPACE</c>, <c>EKSOPS_SERVICE_NAME</c>, <c>EKSOPS_METRICS_DISABLED</c></term><description>See <see cref="IMetrics"/>.</description></item>
/// </list>
/// </remarks>
/// <example>
/// <code>
/// return await LambdaRuntime.RunAsync(
///     () => new AlarmIngestHandler(AlarmIngestOptions.FromEnvironment()).HandleAsync,
///     AlarmIngestJsonContext.Default);
/// </code>
/// </example>
public static class LambdaRuntime
{
    /// <summary>Runs <paramref name="handler"/> for every invocation until the Runtime API goes away.</summary>
    /// <typeparam name="TIn">The event type; <see cref="JsonElement"/> takes any JSON.</typeparam>
    /// <typeparam name="TOut">The response type.</typeparam>
    /// <param name="handler">The function's handler.</param>
    /// <param name="jsonContext">A source-generated context that knows <typeparamref name="TIn"/> and <typeparamref name="TOut"/>.</param>
    /// <param name="options">Overrides for tests and local runs; <see langword="null"/> in production.</param>
    /// <param name="cancellationToken">Stops the loop (tests, local runs).</param>
    /// <returns>The process exit code: 0 when stopped, 1 when initialization or the Runtime API failed.</returns>
    public static Task<int> RunAsync<TIn, TOut>(
        Func<TIn, ILambdaContext, Task<TOut>> handler,
        JsonSerializerContext jsonContext,
        LambdaRuntimeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync(() => handler, jsonContext, options, cancellationToken);
    }

    /// <summary>
    /// Builds the handler (reading configuration, creating clients) and runs it for every invocation. An exception
    /// from <paramref name="initialize"/> is reported on the Runtime API's init-error route and the process ends.
    /// </summary>
    /// <typeparam name="TIn">The event type; <see cref="JsonElement"/> takes any JSON.</typeparam>
    /// <typeparam name="TOut">The response type.</typeparam>
    /// <param name="initialize">Creates the handler once, before the first invocation.</param>
    /// <param name="jsonContext">A source-generated context that knows <typeparamref name="TIn"/> and <typeparamref name="TOut"/>.</param>
    /// <param name="options">Overrides for tests and local runs; <see langword="null"/> in production.</param>
    /// <param name="cancellationToken">Stops the loop (tests, local runs).</param>
    /// <returns>The process exit code: 0 when stopped, 1 when initialization or the Runtime API failed.</returns>
    public static Task<int> RunAsync<TIn, TOut>(
        Func<Func<TIn, ILambdaContext, Task<TOut>>> initialize,
        JsonSerializerContext jsonContext,
        LambdaRuntimeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ArgumentNullException.ThrowIfNull(jsonContext);
        var bootstrap = new LambdaBootstrap(options ?? new LambdaRuntimeOptions());
        return bootstrap.RunAsync(() => Bind(initialize(), jsonContext), cancellationToken);
    }

    /// <summary>Wraps a typed handler into one over raw bytes, using the context's type information.</summary>
    internal static InvocationHandler Bind<TIn, TOut>(Func<TIn, ILambdaContext, Task<TOut>> handler, JsonSerializerContext jsonContext)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var input = TypeInfo<TIn>(jsonContext);
        var output = TypeInfo<TOut>(jsonContext);
        return async (invocationEvent, context) =>
        {
            var request = Deserialize(invocationEvent, input);
            var response = await handler(request, context).ConfigureAwait(false);
            return JsonSerializer.SerializeToUtf8Bytes(response, output);
        };
    }

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerContext jsonContext) =>
        jsonContext.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException(
            $"{jsonContext.GetType().Name} has no type information for {typeof(T).Name}: add " +
            $"[JsonSerializable(typeof({typeof(T).Name}))] to it.");

    private static T Deserialize<T>(byte[] invocationEvent, JsonTypeInfo<T> typeInfo)
    {
        if (invocationEvent.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new EventDeserializationException($"The event is empty; the handler expects JSON for {typeof(T).Name}.");
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(invocationEvent, typeInfo);
        }
        catch (JsonException exception)
        {
            throw new EventDeserializationException(
                $"The event is not valid JSON for {typeof(T).Name}: {exception.Message}", exception);
        }
        catch (NotSupportedException exception)
        {
            throw new EventDeserializationException(
                $"The event cannot be read as {typeof(T).Name}: {exception.Message}", exception);
        }

        return value ?? throw new EventDeserializationException(
            $"The event is JSON null; the handler expects {typeof(T).Name}.");
    }
}
