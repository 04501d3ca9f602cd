using EksOps.Mcp;
using EksOps.Tools.Hosting;

return await ToolHost.RunLambdaAsync<FunctionUrlRequest, FunctionUrlResponse, McpFunctionUrlHandler>(
    registry => new McpFunctionUrlHandler(registry, McpEndpointOptions.FromEnvironment()),
    (handler, request, context) => handler.HandleAsync(request, context),
    FunctionUrlJsonContext.Default).ConfigureAwait(false);
