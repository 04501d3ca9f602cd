using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.ActionGroup;
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
            return new BedrockActionGroupHandler(host.Registry).HandleAsync;
        },
        ActionGroupJsonContext.Default).ConfigureAwait(false);
}
finally
{
    host?.Dispose();
}
