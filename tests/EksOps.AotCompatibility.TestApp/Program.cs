using EksOps.Alarms;

// Exercise one real path through the trimmed, AOT-compiled libraries, so the canary also proves they run.
const string alarmEvent = """
    {"source":"aws.cloudwatch","alarmArn":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:canary",
     "accountId":"123456789012","time":"2024-02-17T11:53:08.431+0000","region":"eu-west-1",
     "alarmData":{"alarmName":"canary","state":{"value":"ALARM","reason":"r","timestamp":"2024-02-17T11:53:08.431+0000",
       "reasonData":"{\"version\":\"1.0\",\"recentDatapoints\":[1.0],\"threshold\":0.5}"},
     "configuration":{"metrics":[{"id":"m1","metricStat":{"metric":{"namespace":"ContainerInsights","name":"pod_number_of_container_restarts",
       "dimensions":{"ClusterName":"c","Namespace":"n","PodName":"p"}},"period":60,"stat":"Maximum"},"returnData":true}]}}}
    """;
var change = AlarmEventParser.Parse(alarmEvent);
if (change.State.ReasonData?.Threshold != 0.5 || change.Kind != AlarmKind.Metric)
{
    Console.Error.WriteLine("AOT canary: the alarm event was not parsed as expected.");
    return 1;
}

Console.WriteLine($"AOT canary: {change.AlarmName} {change.Kind} -> {IncidentKeys.ExecutionName(change)}");
return 0;
