using EksOps.Testing.Moto;

namespace EksOps.Simulation.Tests.CloudWatch.Support;

/// <summary>The CloudWatch parity tests that share one moto server (an xunit collection).</summary>
[CollectionDefinition(Name)]
public sealed class CloudWatchMotoGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "cloudwatch-moto";
}
