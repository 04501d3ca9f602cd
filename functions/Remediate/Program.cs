using EksOps.Remediate;
using EksOps.IncidentFlow;

return await IncidentFlowHost.RunLambdaAsync(IncidentFlowFunction.Remediate, RemediateJsonContext.Default).ConfigureAwait(false);
