namespace EksOps.IncidentStore.Tests;

/// <summary>The contract on the embedded store.</summary>
public sealed class InMemoryIncidentStoreTests : IncidentStoreContract
{
    protected override Task<IIncidentStore> CreateStoreAsync() => Task.FromResult<IIncidentStore>(new InMemoryIncidentStore(Clock));

    [Fact]
    public async Task Incidents_lists_every_incident_oldest_first()
    {
        var store = new InMemoryIncidentStore(Clock);
        await store.OpenOrJoinAsync(Candidate("later", "k1", openedAt: Start.AddMinutes(5)), TimeSpan.FromMinutes(15), Ct);
        await store.OpenOrJoinAsync(Candidate("earlier", "k2", openedAt: Start), TimeSpan.FromMinutes(15), Ct);

        Assert.Equal(["earlier", "later"], store.Incidents.Select(i => i.Id));
    }
}
