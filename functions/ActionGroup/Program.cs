using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.ActionGroup;
using EksOps.Tools.Faces;
using EksOps.Tools.Hosting;

return await ToolHost.RunLambdaAsync<JsonElement, JsonObject, BedrockActionGroupHandler>(
    registry => new BedrockActionGroupHandler(registry),
    (handler, actionGroupEvent, context) => handler.HandleAsync(actionGroupEvent, context),
    ActionGroupJsonContext.Default).ConfigureAwait(false);
