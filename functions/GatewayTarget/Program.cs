using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.GatewayTarget;
using EksOps.Tools.Faces;
using EksOps.Tools.Hosting;

return await ToolHost.RunLambdaAsync<JsonElement, JsonObject, GatewayTargetHandler>(
    registry => new GatewayTargetHandler(registry),
    (handler, arguments, context) => handler.HandleAsync(arguments, context),
    GatewayTargetJsonContext.Default).ConfigureAwait(false);
