namespace EksOps.IncidentFlow.Tests;

/// <summary><see cref="IncidentFlowOptions.FromEnvironment"/>.</summary>
public class OptionsTests
{
    [Fact]
    public void The_confidence_floor_defaults_to_0_6_and_takes_a_number_from_0_to_1()
    {
        Assert.Equal(0.6, IncidentFlowOptions.FromEnvironment(_ => null).MinConfidenceToAct);
        Assert.Equal(0.75, IncidentFlowOptions.FromEnvironment(name => name == "EKSOPS_MIN_CONFIDENCE_TO_ACT" ? " 0.75 " : null).MinConfidenceToAct);
    }

    [Theory]
    [InlineData("high")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void Anything_else_is_refused_naming_the_variable(string value)
    {
        var thrown = Assert.Throws<FormatException>(() => IncidentFlowOptions.FromEnvironment(name => name == "EKSOPS_MIN_CONFIDENCE_TO_ACT" ? value : null));

        Assert.Equal($"EKSOPS_MIN_CONFIDENCE_TO_ACT must be a number from 0 to 1 but is \"{value}\"", thrown.Message);
    }
}
