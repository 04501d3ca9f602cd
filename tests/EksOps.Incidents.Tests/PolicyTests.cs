namespace EksOps.Incidents.Tests;

public sealed class PolicyTests
{
    /// <summary>The default policy table of FORMAT.md, cell by cell: environment × runbook → needs approval.</summary>
    public static TheoryData<ClusterEnvironment, RunbookId, bool> Table => new()
    {
        { ClusterEnvironment.Production, RunbookId.RestartRollout, true },
        { ClusterEnvironment.Production, RunbookId.RollbackDeployment, true },
        { ClusterEnvironment.Production, RunbookId.ScaleDeployment, true },
        { ClusterEnvironment.Production, RunbookId.IncreaseMemoryLimit, true },
        { ClusterEnvironment.Production, RunbookId.IncreaseCpuLimit, true },
        { ClusterEnvironment.Production, RunbookId.RaiseHpaMax, true },
        { ClusterEnvironment.Production, RunbookId.DeletePod, true },
        { ClusterEnvironment.Production, RunbookId.CordonNode, true },
        { ClusterEnvironment.Production, RunbookId.DrainNode, true },
        { ClusterEnvironment.Production, RunbookId.Escalate, false },

        { ClusterEnvironment.Staging, RunbookId.RestartRollout, false },
        { ClusterEnvironment.Staging, RunbookId.RollbackDeployment, true },
        { ClusterEnvironment.Staging, RunbookId.ScaleDeployment, false },
        { ClusterEnvironment.Staging, RunbookId.IncreaseMemoryLimit, true },
        { ClusterEnvironment.Staging, RunbookId.IncreaseCpuLimit, true },
        { ClusterEnvironment.Staging, RunbookId.RaiseHpaMax, false },
        { ClusterEnvironment.Staging, RunbookId.DeletePod, false },
        { ClusterEnvironment.Staging, RunbookId.CordonNode, true },
        { ClusterEnvironment.Staging, RunbookId.DrainNode, true },
        { ClusterEnvironment.Staging, RunbookId.Escalate, false },

        { ClusterEnvironment.Development, RunbookId.RestartRollout, false },
        { ClusterEnvironment.Development, RunbookId.RollbackDeployment, false },
        { ClusterEnvironment.Development, RunbookId.ScaleDeployment, false },
        { ClusterEnvironment.Development, RunbookId.IncreaseMemoryLimit, false },
        { ClusterEnvironment.Development, RunbookId.IncreaseCpuLimit, false },
        { ClusterEnvironment.Development, RunbookId.RaiseHpaMax, false },
        { ClusterEnvironment.Development, RunbookId.DeletePod, false },
        { ClusterEnvironment.Development, RunbookId.CordonNode, false },
        { ClusterEnvironment.Development, RunbookId.DrainNode, true },
        { ClusterEnvironment.Development, RunbookId.Escalate, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_default_policy_matches_the_table_cell_by_cell(ClusterEnvironment environment, RunbookId runbook, bool needsApproval)
    {
        Assert.Equal(needsApproval, DefaultPolicy.RequiresApproval(environment, runbook));
    }

    [Fact]
    public void The_table_covers_every_environment_and_runbook()
    {
        var cells = Table.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();

        Assert.Equal(ClusterEnvironments.All.Count * Runbooks.All.Count, cells.Count);
        Assert.Equal(Table.Count, cells.Count);
    }

    [Theory]
    [InlineData(ClusterEnvironment.Production)]
    [InlineData(ClusterEnvironment.Staging)]
    [InlineData(ClusterEnvironment.Development)]
    public void Escalate_never_needs_approval(ClusterEnvironment environment)
    {
        Assert.False(DefaultPolicy.RequiresApproval(environment, RunbookId.Escalate));
    }

    [Fact]
    public void Undefined_values_are_rejected_rather_than_waved_through()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultPolicy.RequiresApproval((ClusterEnvironment)3, RunbookId.DeletePod));
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultPolicy.RequiresApproval(ClusterEnvironment.Development, (RunbookId)99));
    }
}
