namespace EksOps.Template.Tests.Includes;

/// <summary>
/// The template includes exactly the CloudFormation schemas the tool registry generates (schemas/cloudformation/),
/// each of which EksOps.Tools.Tests checks is the registry's current output (ArtifactTests, SchemaDrift): so the
/// schemas the deployed agent and gateway see are the registry's by construction.
/// </summary>
public sealed class IncludeTests
{
    [Fact]
    public void The_includes_are_exactly_the_generated_cloudformation_schemas()
    {
        var locations = TemplateUnderTest.IncludesRun.Require().AsArray().Select(l => (string?)l).ToList();
        var generated = Directory.GetFiles(Repository.PathOf("schemas/cloudformation"), "*.json")
            .Select(Repository.Relative)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(locations, location => Assert.True(location is not null && File.Exists(Repository.PathOf(location)), $"AWS::Include Location {location ?? "(not a string)"} does not exist"));
        var included = locations.OfType<string>().Select(l => Repository.Relative(Repository.PathOf(l))).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(generated);
        Assert.True(
            included.SetEquals(generated),
            $"included but not generated: [{string.Join(", ", included.Except(generated))}]; generated but not included: [{string.Join(", ", generated.Except(included))}]");
    }
}
