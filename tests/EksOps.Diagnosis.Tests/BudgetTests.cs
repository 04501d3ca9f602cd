using EksOps.Incidents;

namespace EksOps.Diagnosis.Tests;

public sealed class BudgetTests
{
    [Fact]
    public async Task Call_budget_stops_collection_and_is_recorded()
    {
        var result = await ResolutionTests.Diagnose("checkout-restarts-prod", new DiagnosisBudget { MaxCalls = 3 });
        Assert.Equal(3, result.Budget.Calls);
        Assert.Equal(3, result.Evidence.Count);
        Assert.Equal("calls", result.Budget.ExhaustedBy);
        Assert.True(result.Budget.Skipped > 0);
        Assert.Equal(RunbookId.Escalate, result.Proposal.Runbook);
    }

    [Fact]
    public async Task Byte_budget_stops_collection_after_the_read_that_crossed_it()
    {
        var result = await ResolutionTests.Diagnose("checkout-restarts-prod", new DiagnosisBudget { MaxBytes = 1 });
        Assert.Equal(1, result.Budget.Calls);
        Assert.Equal("bytes", result.Budget.ExhaustedBy);
        Assert.Equal(RootCause.Unknown, result.RootCause);
    }

    [Fact]
    public async Task Default_budget_is_not_exhausted_on_a_scenario()
    {
        var result = await ResolutionTests.Diagnose("checkout-restarts-prod");
        Assert.Null(result.Budget.ExhaustedBy);
        Assert.InRange(result.Budget.Calls, 1, new DiagnosisBudget().MaxCalls);
        Assert.Equal(result.Evidence.Sum(e => (long)e.Bytes), result.Budget.Bytes);
    }
}
