using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.GatewayTarget;
using EksOps.Lambda;
using EksOps.Tools.Faces;
using EksOps.Tools.Hosting;

// The host is built inside the runtime's initializer, so a bad cluster registry or policy is reported as an init error.
ToolHost? host = null;
try
{
    return await LambdaRuntime.RunAsync<JsonElement, JsonObject>(
        () =>
        {
            host = ToolHost.FromEnvironment();
            return new GatewayTargetHandler(host.Registry).HandleAsync;
        },
        GatewayTargetJsonContext.Default).ConfigureAwait(false);
}
finally
{
    host?.Dispose();
}
