namespace EksOps.Aws.Tests.Support;

/// <summary>The tests that share one moto server (an xunit collection).</summary>
[CollectionDefinition(Name)]
public sealed class MotoGroup : ICollectionFixture<IntegratedMotoServer>
{
    public const string Name = "moto";
}
