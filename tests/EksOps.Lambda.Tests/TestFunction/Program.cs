using EksOps.Lambda;
using EksOps.Lambda.TestFunction;

// TEST_FUNCTION_FAIL_INIT=true makes initialization fail, to observe /init/error and the exit code.
return await LambdaRuntime.RunAsync<EchoRequest, EchoResponse>(
    () =>
    {
        if (Environment.GetEnvironmentVariable("TEST_FUNCTION_FAIL_INIT") == "true")
        {
            throw new InvalidOperationException("Initialization failed on purpose.");
        }

        return (request, context) =>
        {
            context.Logger.LogInformation($"echo {request.Message}");
            return Task.FromResult(new EchoResponse(
                request.Message,
                context.FunctionName,
                context.MemoryLimitInMB,
                Environment.GetEnvironmentVariable("AWS_REGION"),
                Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID")));
        };
    },
    TestFunctionJsonContext.Default);
