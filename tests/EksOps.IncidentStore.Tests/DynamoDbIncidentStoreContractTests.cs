using EksOps.IncidentStore.DynamoDb;
using EksOps.Testing.Moto;

namespace EksOps.IncidentStore.Tests;

/// <summary>The contract on DynamoDB (moto, SigV4 checked), on a table created as the README documents.</summary>
[Collection(MotoGroup.Name)]
public sealed class DynamoDbIncidentStoreContractTests(MotoServer moto) : IncidentStoreContract, IDisposable
{
    private readonly List<IDisposable> _clients = [];

    protected override async Task<IIncidentStore> CreateStoreAsync()
    {
        moto.RequireAvailable();
        var client = IncidentTable.Client(moto);
        _clients.Add(client);
        var table = await IncidentTable.CreateAsync(client);
        return new DynamoDbIncidentStore(client, new DynamoDbIncidentStoreOptions { TableName = table }, Clock);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
