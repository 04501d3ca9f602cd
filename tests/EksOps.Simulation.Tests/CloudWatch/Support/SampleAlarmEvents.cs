namespace EksOps.Simulation.Tests.CloudWatch.Support;

/// <summary>Alarm state-change payloads as CloudWatch delivers them (shapes from the repository's events/ and scenarios/).</summary>
public static class SampleAlarmEvents
{
    /// <summary>A single-metric alarm, EventBridge shape: 3 of 3 datapoints ≥ 5.</summary>
    public const string Restarts = """
        {
          "version": "0", "id": "1d1bd7ca-e892-4672-bba0-2bfe774e6795", "detail-type": "CloudWatch Alarm State Change",
          "source": "aws.cloudwatch", "account": "123456789012", "time": "2026-11-20T10:01:05Z", "region": "us-east-1",
          "resources": ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts"],
          "detail": {
            "alarmName": "prod-shop-checkout-restarts",
            "state": {
              "value": "ALARM",
              "reason": "Threshold Crossed: 3 out of the last 3 datapoints [7.0 (20/11/26 10:00:00), 6.0 (20/11/26 09:59:00), 5.0 (20/11/26 09:58:00)] were greater than or equal to the threshold (5.0) (minimum 3 datapoints for OK -> ALARM transition).",
              "reasonData": "{\"version\":\"1.0\",\"queryDate\":\"2026-11-20T10:01:05.112+0000\",\"startDate\":\"2026-11-20T09:58:00.000+0000\",\"statistic\":\"Maximum\",\"period\":60,\"recentDatapoints\":[5.0,6.0,7.0],\"threshold\":5.0,\"evaluatedDatapoints\":[{\"timestamp\":\"2026-11-20T10:00:00.000+0000\",\"sampleCount\":1.0,\"value\":7.0}]}",
              "timestamp": "2026-11-20T10:01:05.115+0000"
            },
            "previousState": {
              "value": "OK",
              "reason": "Threshold Crossed: 3 out of the last 3 datapoints [0.0 (17/11/26 08:01:00), 0.0 (17/11/26 08:00:00), 0.0 (17/11/26 07:59:00)] were not greater than or equal to the threshold (5.0) (minimum 3 datapoints for ALARM -> OK transition).",
              "reasonData": "{\"version\":\"1.0\",\"queryDate\":\"2026-11-17T08:02:04.348+0000\",\"statistic\":\"Maximum\",\"period\":60,\"recentDatapoints\":[0.0,0.0,0.0],\"threshold\":5.0}",
              "timestamp": "2026-11-17T08:02:04.351+0000"
            },
            "configuration": {
              "description": "Container restarts of shop/checkout at or above 5.",
              "metrics": [
                {
                  "id": "fff3adae-3536-40c4-9830-f9e351d3d7af",
                  "metricStat": {
                    "metric": { "namespace": "ContainerInsights", "name": "pod_number_of_container_restarts",
                                "dimensions": { "ClusterName": "prod-eks", "Namespace": "shop", "PodName": "checkout" } },
                    "period": 60, "stat": "Maximum"
                  },
                  "returnData": true
                }
              ]
            }
          }
        }
        """;

    /// <summary>An anomaly-detection alarm: outside the band for 3 of 3 datapoints.</summary>
    public const string MemoryAnomaly = """
        {
          "version": "0", "id": "8181c4d3-66e8-4ed7-925b-d0a82f2f331b", "detail-type": "CloudWatch Alarm State Change",
          "source": "aws.cloudwatch", "account": "123456789012", "time": "2026-11-20T09:56:17Z", "region": "us-east-1",
          "resources": ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-node-memory-anomaly"],
          "detail": {
            "alarmName": "prod-node-memory-anomaly",
            "state": {
              "value": "ALARM",
              "reason": "Thresholds Crossed: 3 out of the last 3 datapoints [99.1 (20/11/26 09:54:00), 98.9 (20/11/26 09:53:00), 98.2 (20/11/26 09:52:00)] were less than the lower thresholds [42.0, 41.9, 41.7] or greater than the upper thresholds [68.6, 68.4, 68.3] (minimum 3 datapoints for OK -> ALARM transition).",
              "reasonData": "{\"version\":\"1.0\",\"period\":60,\"recentDatapoints\":[98.2,98.9,99.1],\"recentLowerThresholds\":[41.7,41.9,42.0],\"recentUpperThresholds\":[68.3,68.4,68.6]}",
              "timestamp": "2026-11-20T09:56:17.660+0000"
            },
            "previousState": {
              "value": "OK",
              "reason": "Thresholds Crossed: 1 out of the last 1 datapoints [55.0 (20/11/26 09:51:00)] was not less than the lower thresholds [41.4] or not greater than the upper thresholds [68.1] (minimum 1 datapoint for ALARM -> OK transition).",
              "timestamp": "2026-11-20T09:52:41.179+0000"
            },
            "configuration": {
              "description": "Node memory utilization outside the expected band",
              "metrics": [
                { "id": "m1", "metricStat": { "metric": { "namespace": "ContainerInsights", "name": "node_memory_utilization",
                  "dimensions": { "ClusterName": "prod-eks", "NodeName": "ip-10-0-1-23.ec2.internal" } }, "period": 60, "stat": "Average" }, "returnData": true },
                { "id": "ad1", "expression": "ANOMALY_DETECTION_BAND(m1, 2)", "label": "node_memory_utilization (expected)", "returnData": true }
              ]
            }
          }
        }
        """;

    /// <summary>A composite alarm with an actions suppressor named by name, EventBridge shape.</summary>
    public const string Composite = """
        {
          "version": "0", "id": "d3dfc86d-384d-24c8-0345-9f7986db0b80", "detail-type": "CloudWatch Alarm State Change",
          "source": "aws.cloudwatch", "account": "123456789012", "time": "2026-11-20T10:01:45Z", "region": "us-east-1",
          "resources": ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-checkout-degraded"],
          "detail": {
            "alarmName": "prod-checkout-degraded",
            "state": {
              "actionsSuppressedBy": "WaitPeriod", "actionsSuppressedReason": "Actions suppressed by WaitPeriod", "value": "ALARM",
              "reason": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts transitioned to ALARM at Friday 20 November, 2026 10:01:05 UTC",
              "reasonData": "{\"triggeringAlarms\":[{\"arn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts\",\"state\":{\"value\":\"ALARM\",\"timestamp\":\"2026-11-20T10:01:05.115+0000\"}}]}",
              "timestamp": "2026-11-20T10:01:45.394+0000"
            },
            "previousState": { "value": "OK", "reason": "created", "timestamp": "2026-11-02T16:28:57.770+0000" },
            "configuration": {
              "alarmRule": "ALARM(prod-shop-checkout-restarts) OR ALARM(\"prod-node-memory-anomaly\")",
              "actionsSuppressor": "prod-maintenance-window",
              "actionsSuppressorWaitPeriod": 120,
              "actionsSuppressorExtensionPeriod": 180
            }
          }
        }
        """;

    /// <summary>A metric-math alarm that invokes Lambda directly (alarm-action payload): e1 = m1/m2 below 10.</summary>
    public const string LambdaMetricMath = """
        {
          "source": "aws.cloudwatch",
          "alarmArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-success-ratio",
          "accountId": "123456789012", "time": "2026-11-20T09:58:08.431+0000", "region": "us-east-1",
          "alarmData": {
            "alarmName": "orders-success-ratio",
            "state": {
              "value": "ALARM",
              "reason": "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (20/11/26 09:56:00)] was less than the threshold (10.0) (minimum 1 datapoint for OK -> ALARM transition).",
              "reasonData": "{\"version\":\"1.0\",\"statistic\":\"SampleCount\",\"period\":60,\"recentDatapoints\":[1.0],\"threshold\":10.0}",
              "timestamp": "2026-11-20T09:58:08.431+0000"
            },
            "previousState": {
              "value": "OK",
              "reason": "Threshold Crossed: 1 out of the last 1 datapoints [12.0 (20/11/26 09:55:00)] was not less than the threshold (10.0) (minimum 1 datapoint for ALARM -> OK transition).",
              "timestamp": "2026-11-20T09:56:31.462+0000"
            },
            "configuration": {
              "description": "Orders success ratio",
              "metrics": [
                { "id": "e1", "expression": "m1/m2", "label": "Expression1", "returnData": true },
                { "id": "m1", "metricStat": { "metric": { "namespace": "AWS/Lambda", "name": "Invocations", "dimensions": {} }, "period": 60, "stat": "SampleCount" }, "returnData": false },
                { "id": "m2", "metricStat": { "metric": { "namespace": "AWS/Lambda", "name": "Duration", "dimensions": {} }, "period": 60, "stat": "SampleCount" }, "returnData": false }
              ]
            }
          }
        }
        """;
}
