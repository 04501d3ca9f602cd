using System.Text.Json;
using EksOps.AlarmIngest;
using EksOps.Lambda;

return await LambdaRuntime.RunAsync<JsonElement, AlarmIngestResult>(
    AlarmIngestHandler.HandleAsync,
    AlarmIngestJsonContext.Default).ConfigureAwait(false);
