using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EksOps.IncidentStore;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// The incident table on moto (<c>moto_server</c> on a loopback port, signatures not checked), shared by every
/// function process: the flow's functions are separate processes, so they cannot share the in-memory store.
/// </summary>
internal sealed class MotoDynamoDb : IAsyncDisposable
{
    public const string TableName = "eksops-incidents";

    private readonly Process _process;
    private readonly string _region;
    private readonly AWSCredentials _credentials;

    private MotoDynamoDb(Process process, Uri endpoint, string region, AWSCredentials credentials)
    {
        _process = process;
        Endpoint = endpoint;
        _region = region;
        _credentials = credentials;
    }

    /// <summary>moto's endpoint (<c>EKSOPS_ENDPOINT_DYNAMODB</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>The variables that point the incident store at the table.</summary>
    public IReadOnlyDictionary<string, string> StoreVariables(string region) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [IncidentStoreFactory.TableVariable] = TableName,
        [IncidentStoreFactory.EndpointVariable] = Endpoint.ToString(),
        ["AWS_REGION"] = region,
    };

    /// <summary>Starts moto and creates the table as <c>shared/EksOps.IncidentStore/README.md</c> lays it out.</summary>
    /// <exception cref="InvalidOperationException"><c>moto_server</c> is not on PATH or did not start.</exception>
    public static async Task<MotoDynamoDb> StartAsync(string region, AWSCredentials credentials)
    {
        var moto = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "moto_server"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("moto_server is not on PATH: the sizing mode keeps the incident store on moto's DynamoDB (pip install 'moto[server]').");
        int port = FreePort();
        var start = new ProcessStartInfo(moto) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dynamo = new MotoDynamoDb(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), region, credentials);
        try
        {
            await dynamo.WaitUntilServingAsync();
            await dynamo.CreateTableAsync();
            return dynamo;
        }
        catch
        {
            await dynamo.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Empties the table (moto's reset, then the table again). moto scans where DynamoDB looks items up by key, so its
    /// answers slow down as the table fills; emptying it after each scenario keeps the store's share of the durations
    /// the same from the first scenario to the last.
    /// </summary>
    public async Task ResetAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), content: null);
        response.EnsureSuccessStatusCode();
        await CreateTableAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task CreateTableAsync()
    {
        var variables = StoreVariables(_region);
        using var client = IncidentStoreFactory.CreateClient(name => variables.GetValueOrDefault(name), _credentials);
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = TableName,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = TableName,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "ttl", Enabled = true },
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {_process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/data.json"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("moto_server did not answer within 60 s");
            }

            await Task.Delay(200);
        }
    }
}
