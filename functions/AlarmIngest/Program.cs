using EksOps.AlarmIngest;

return await AlarmIngestHost.RunLambdaAsync().ConfigureAwait(false);
