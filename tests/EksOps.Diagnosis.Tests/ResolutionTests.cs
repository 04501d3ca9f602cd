using EksOps.Alarms;
using EksOps.Cli;
using EksOps.Diagnosis.Resolution;
using EksOps.Scenarios;

namespace EksOps.Diagnosis.Tests;

/// <summary>From the alarm's metrics and dimensions to Kubernetes objects, on served scenarios (the real read path).</summary>
public sealed class ResolutionTests
{
    [Theory]
    [InlineData("payments-5xx-prod", "Service payments/payments-api", "Deployment payments/payments-api")]           // target group → TargetGroupBinding → Service → pods' owner
    [InlineData("notifier-down-dev", "Service notifications/notifier", "Deployment notifications/notifier")]        // Service dimension
    [InlineData("kafka-pending-staging", "StatefulSet streaming/kafka", "StatefulSet streaming/kafka")]              // composite child resolved by name
    [InlineData("invoice-export-prod", "CronJob billing/invoice-export", "CronJob billing/invoice-export")]          // PodName of a CronJob
    [InlineData("node-disk-usage-prod", "Node ip-10-20-70-158.ec2.internal", "Node ip-10-20-70-158.ec2.internal")]  // NodeName dimension
    [InlineData("failed-nodes-prod-apne2", "Node ip-10-0-54-28.ap-northeast-2.compute.internal", "Node ip-10-0-54-28.ap-northeast-2.compute.internal")] // ClusterName only
    [InlineData("storefront-errors-staging", "Deployment web/web-frontend", "Deployment kube-system/coredns")]       // the DNS the workload depends on
    public async Task Alarm_resolves_to_its_subject(string id, string alarmSubject, string subject)
    {
        var result = await Diagnose(id);
        Assert.Equal(alarmSubject, result.AlarmSubject.ToString());
        Assert.Equal(subject, result.Subject.ToString());
    }

    [Fact]
    public void Composite_children_come_from_the_trigger_then_the_rule()
    {
        var alarm = ScenarioLoader.Load(Path.Combine(Repository.PublicScenarios, "storefront-errors-staging")).Alarm.StateChange;
        Assert.Equal(["retail-stg-euw1-web-frontend-5xx", "retail-stg-euw1-checkout-5xx", "retail-stg-euw1-catalog-api-5xx"], AlarmSignals.CompositeChildren(alarm));
        Assert.Equal(AlarmKind.Composite, alarm.Kind);
    }

    [Theory]
    [InlineData("pod_number_of_container_restarts", "Restarts")]
    [InlineData("HTTPCode_Target_5XX_Count", "Errors")]
    [InlineData("TargetResponseTime", "Latency")]
    [InlineData("node_filesystem_utilization", "Node")]
    [InlineData("service_number_of_running_pods", "Availability")]
    public void Metric_names_say_what_is_measured(string metric, string symptom) => Assert.Equal(symptom, AlarmSignals.SymptomOf(metric).ToString());

    internal static async Task<DiagnosisResult> Diagnose(string id, DiagnosisBudget? budget = null)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repository.PublicScenarios, id));
        return await ScenarioEvaluator.DiagnoseAsync(scenario, budget, TestContext.Current.CancellationToken);
    }
}
