namespace EksOps.StateMachine.Tests.Support;

/// <summary>The tests that share one <see cref="LambdaMotoServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MotoGroup : ICollectionFixture<LambdaMotoServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "moto";
}
