namespace EksOps.Incidents.Tests;

public sealed class ClusterEnvironmentTests
{
    [Theory]
    [InlineData(ClusterEnvironment.Production, "production")]
    [InlineData(ClusterEnvironment.Staging, "staging")]
    [InlineData(ClusterEnvironment.Development, "development")]
    public void Each_environment_id_round_trips(ClusterEnvironment environment, string id)
    {
        Assert.Equal(id, environment.Id());
        Assert.True(ClusterEnvironments.TryParse(id, out var parsed));
        Assert.Equal(environment, parsed);
        Assert.Equal(environment, ClusterEnvironments.Parse(id));
    }

    [Fact]
    public void All_lists_every_enum_value_once()
    {
        Assert.Equal(Enum.GetValues<ClusterEnvironment>(), ClusterEnvironments.All);
        Assert.Equal(["production", "staging", "development"], ClusterEnvironments.Ids);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("prod")]
    [InlineData("dev")]
    [InlineData("test")]
    [InlineData("")]
    public void Unknown_environments_are_rejected(string id)
    {
        Assert.False(ClusterEnvironments.TryParse(id, out _));
        var ex = Assert.Throws<FormatException>(() => ClusterEnvironments.Parse(id));
        Assert.Equal("expected an environment (production, staging, development) but found \"" + id + "\"", ex.Message);
    }

    [Fact]
    public void Undefined_enum_values_have_no_id()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ClusterEnvironment)3).Id());
    }
}
