using EksOps.Investigate;
using EksOps.IncidentFlow;

return await IncidentFlowHost.RunLambdaAsync(IncidentFlowFunction.Investigate, InvestigateJsonContext.Default).ConfigureAwait(false);
