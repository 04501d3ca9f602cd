using EksOps.Report;
using EksOps.IncidentFlow;

return await IncidentFlowHost.RunLambdaAsync(IncidentFlowFunction.Report, ReportJsonContext.Default).ConfigureAwait(false);
