using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Approval;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;

// Composition once per sandbox, from the environment (see README.md); a configuration error is reported as an init error.
return await LambdaRuntime.RunAsync<JsonElement, JsonNode>(
    () =>
    {
        var options = ApprovalOptions.FromEnvironment();
        var pipeline = new AwsHttpPipeline();
        var events = new EventBridgeIncidentEventSink(new EventBridgeClient(pipeline), Environment.GetEnvironmentVariable("EKSOPS_EVENT_BUS_NAME"));
        return new ApprovalHandler(IncidentStoreFactory.FromEnvironment(), events, new StepFunctionsClient(pipeline), options).HandleAsync;
    },
    ApprovalJsonContext.Default).ConfigureAwait(false);
