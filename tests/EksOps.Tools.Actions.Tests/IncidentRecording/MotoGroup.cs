using EksOps.Testing.Moto;

namespace EksOps.Tools.Actions.Tests.IncidentRecording;

/// <summary>The tests that share one moto server.</summary>
[CollectionDefinition(Name)]
public sealed class MotoGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
