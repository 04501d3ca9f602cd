using System.Globalization;
using EksOps.Testing.Moto;

namespace EksOps.Aws.Tests.Support;

/// <summary>
/// The shared moto fixture (see <see cref="MotoServer"/>) with a sink for moto's own service-integration calls: moto's
/// Step Functions interpreter makes them (an SQS SendMessage of a <c>.waitForTaskToken</c> task, say) with boto3 and
/// the fixed key "ak" to <c>localhost:MOTO_PORT</c>. Signature checking would refuse that key, so those calls go to a
/// loopback sink here, where tests read the task tokens.
/// </summary>
public sealed class IntegratedMotoServer : MotoServer
{
    /// <summary>Where moto's Step Functions interpreter sends its service-integration calls (see <see cref="IntegrationSink"/>).</summary>
    internal LoopbackAwsServer? Integrations { get; private set; }

    protected override ValueTask<IReadOnlyDictionary<string, string>> PrepareAsync()
    {
        Integrations = LoopbackAwsServer.Start(IntegrationSink.Respond, alsoLocalhost: true);
        return ValueTask.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["MOTO_PORT"] = Integrations.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
        });
    }

    protected override async ValueTask CleanUpAsync()
    {
        if (Integrations is not null)
        {
            await Integrations.DisposeAsync();
        }
    }
}
