using System.Text.Json;
using System.Text.Json.Serialization;
using EksOps.Lambda;
using EksOps.Lambda.Testing;

namespace EksOps.StateMachine.Tests;

/// <summary>
/// Tasks dispatched to a real function on our runtime through the loopback Runtime API, as <c>eksops replay</c> runs
/// the functions: the runtime's error document (short exception name as <c>errorType</c>) is what Catch matches.
/// </summary>
public sealed partial class RuntimeApiTests
{
    [JsonSerializable(typeof(JsonElement))]
    private sealed partial class FunctionJson : JsonSerializerContext;

    /// <summary>The adapter a local runner writes: one Runtime API server per function name.</summary>
    private sealed class RuntimeApiInvoker(IReadOnlyDictionary<string, RuntimeApiServer> functions) : ILambdaTaskInvoker
    {
        public async Task<LambdaInvocationResult> InvokeAsync(LambdaInvocationRequest request, CancellationToken cancellationToken)
        {
            if (!functions.TryGetValue(request.FunctionName, out var server))
            {
                throw new LambdaServiceException("ResourceNotFoundException", $"Function not found: {request.FunctionName}");
            }

            var result = await server.InvokeAsync(request.Payload, cancellationToken: cancellationToken);
            return result.IsError
                ? LambdaInvocationResult.FunctionError(result.PayloadText, result.ErrorType)
                : LambdaInvocationResult.Success(result.PayloadText);
        }
    }

    private static Task<JsonElement> Handle(JsonElement input, ILambdaContext context)
    {
        if (input.TryGetProperty("fail", out var fail) && fail.GetBoolean())
        {
            throw new InvalidOperationException("asked to fail");
        }

        return Task.FromResult(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["handledBy"] = context.FunctionName, ["step"] = input.GetProperty("step").GetString()! }, DictionaryJson.Default.DictionaryStringString));
    }

    [JsonSerializable(typeof(Dictionary<string, string>))]
    private sealed partial class DictionaryJson : JsonSerializerContext;

    [Fact]
    public async Task A_task_runs_a_real_handler_and_a_handler_exception_is_caught_by_its_type_name()
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var stop = new CancellationTokenSource();
        var runtime = LambdaRuntime.RunAsync<JsonElement, JsonElement>(
            Handle,
            FunctionJson.Default,
            new LambdaRuntimeOptions { RuntimeApiAddress = server.Address, Output = new CapturedOutputStream(), SetTraceIdEnvironmentVariable = false },
            stop.Token);
        await using var harness = new StateMachineHarness(
            """
            {"StartAt":"Work","States":{
              "Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"worker","Payload":{"step":"work","fail.$":"$.fail"}},
                      "ResultSelector":{"result.$":"$.Payload"},"ResultPath":"$.work",
                      "Catch":[{"ErrorEquals":["InvalidOperationException"],"ResultPath":"$.error","Next":"Failed"}],"End":true},
              "Failed":{"Type":"Pass","End":true}}}
            """,
            new RuntimeApiInvoker(new Dictionary<string, RuntimeApiServer> { ["worker"] = server }));

        var (ok, _) = await harness.RunAsync("""{"fail":false}""");
        var (failed, failedExecution) = await harness.RunAsync("""{"fail":true}""");
        await stop.CancelAsync();
        await runtime;

        Assert.Equal("work", JsonNode.Parse(ok.Output!)!["work"]!["result"]!["step"]!.GetValue<string>());
        Assert.Equal("Failed", failedExecution.EnteredStates[^1]);
        var error = JsonNode.Parse(failed.Output!)!["error"]!;
        Assert.Equal("InvalidOperationException", error["Error"]!.GetValue<string>());
        var document = JsonNode.Parse(error["Cause"]!.GetValue<string>())!;
        Assert.Equal(("InvalidOperationException", "asked to fail"), (document["errorType"]!.GetValue<string>(), document["errorMessage"]!.GetValue<string>()));
    }
}
