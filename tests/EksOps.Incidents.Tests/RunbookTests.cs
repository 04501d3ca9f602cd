namespace EksOps.Incidents.Tests;

public sealed class RunbookTests
{
    /// <summary>The runbook catalogue of the scenario format (FORMAT.md), row by row, with what each one acts on.</summary>
    public static TheoryData<RunbookId, string, string, RunbookEffect, string[]> Catalogue => new()
    {
        { RunbookId.RestartRollout, "restart-rollout", "rollout restart of a Deployment/StatefulSet/DaemonSet", RunbookEffect.Write, ["Deployment", "StatefulSet", "DaemonSet"] },
        { RunbookId.RollbackDeployment, "rollback-deployment", "roll a Deployment back to its previous healthy revision", RunbookEffect.Write, ["Deployment"] },
        { RunbookId.ScaleDeployment, "scale-deployment", "change replicas (within bounds set by policy)", RunbookEffect.Write, ["Deployment", "StatefulSet"] },
        { RunbookId.IncreaseMemoryLimit, "increase-memory-limit", "raise a container's memory request/limit (bounded step)", RunbookEffect.Write, ["Deployment", "StatefulSet", "DaemonSet"] },
        { RunbookId.IncreaseCpuLimit, "increase-cpu-limit", "raise a container's cpu request/limit (bounded step)", RunbookEffect.Write, ["Deployment", "StatefulSet", "DaemonSet"] },
        { RunbookId.RaiseHpaMax, "raise-hpa-max", "raise a HorizontalPodAutoscaler's maxReplicas (bounded step)", RunbookEffect.Write, ["HorizontalPodAutoscaler"] },
        { RunbookId.DeletePod, "delete-pod", "delete one pod so its controller recreates it", RunbookEffect.Write, ["Pod"] },
        { RunbookId.CordonNode, "cordon-node", "mark a node unschedulable", RunbookEffect.Write, ["Node"] },
        { RunbookId.DrainNode, "drain-node", "cordon and evict pods from a node", RunbookEffect.Write, ["Node"] },
        { RunbookId.Escalate, "escalate", "no automatic action: page a human with the findings", RunbookEffect.NoAction, [] },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Each_runbook_has_the_id_action_effect_and_targets_of_the_catalogue(RunbookId runbook, string id, string action, RunbookEffect effect, string[] kinds)
    {
        Assert.Equal(id, runbook.Id());
        Assert.Equal(action, runbook.Action());
        Assert.Equal(effect, runbook.Effect());
        Assert.Equal(effect == RunbookEffect.Write, runbook.IsWrite());
        Assert.Equal(kinds, runbook.TargetKinds());
        foreach (string kind in kinds)
        {
            Assert.True(runbook.Targets(kind), kind);
        }
    }

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Each_runbook_id_round_trips(RunbookId runbook, string id, string action, RunbookEffect effect, string[] kinds)
    {
        Assert.True(Runbooks.TryParse(id, out var parsed), action);
        Assert.Equal(runbook, parsed);
        Assert.Equal(runbook, Runbooks.Parse(runbook.Id()));
        Assert.NotNull(kinds);
        Assert.True(Enum.IsDefined(effect));
    }

    [Fact]
    public void All_lists_every_enum_value_once_in_table_order()
    {
        Assert.Equal(Enum.GetValues<RunbookId>(), Runbooks.All);
        Assert.Equal(Catalogue.Select(row => (string)row.Data.Item2).ToArray(), Runbooks.Ids);
    }

    [Fact]
    public void No_runbook_in_the_catalogue_is_read_only_and_only_escalate_takes_no_action()
    {
        Assert.DoesNotContain(Runbooks.All, r => r.Effect() == RunbookEffect.ReadOnly);
        Assert.Equal([RunbookId.Escalate], Runbooks.All.Where(r => r.Effect() == RunbookEffect.NoAction));
    }

    [Theory]
    [InlineData(RunbookId.DeletePod, "pod")]
    [InlineData(RunbookId.DeletePod, "Deployment")]
    [InlineData(RunbookId.RollbackDeployment, "StatefulSet")]
    [InlineData(RunbookId.RaiseHpaMax, "Deployment")]
    [InlineData(RunbookId.Escalate, "Deployment")]
    [InlineData(RunbookId.CordonNode, null)]
    public void A_runbook_does_not_target_other_kinds(RunbookId runbook, string? kind)
    {
        Assert.False(runbook.Targets(kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("DeletePod")]
    [InlineData("Delete-Pod")]
    [InlineData("delete_pod")]
    [InlineData("restart")]
    [InlineData("escalate ")]
    public void Unknown_or_misspelled_ids_are_rejected(string id)
    {
        Assert.False(Runbooks.TryParse(id, out _));
        var ex = Assert.Throws<FormatException>(() => Runbooks.Parse(id));
        Assert.Contains("expected a runbook id (restart-rollout, rollback-deployment,", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("but found \"" + id + "\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_not_a_runbook_id()
    {
        Assert.False(Runbooks.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => Runbooks.Parse(null!));
    }

    [Fact]
    public void Undefined_enum_values_have_no_catalogue_entry()
    {
        var undefined = (RunbookId)Runbooks.All.Count;
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.Id());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.Effect());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.Targets("Pod"));
    }
}
