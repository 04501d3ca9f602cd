namespace EksOps.Template.Tests.Translation;

/// <summary>
/// The SAM transform accepts the template offline (samtranslator, as CloudFormation runs it on <c>sam deploy</c>),
/// and what it produces still has every resource the template declares.
/// </summary>
public sealed class TranslationTests
{
    /// <summary>The type the SAM transform gives a serverless resource under the same logical id.</summary>
    private static readonly Dictionary<string, string> TranslatedTypes = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = "AWS::Lambda::Function",
        ["AWS::Serverless::StateMachine"] = "AWS::StepFunctions::StateMachine",
        ["AWS::Serverless::Api"] = "AWS::ApiGateway::RestApi",
        ["AWS::Serverless::HttpApi"] = "AWS::ApiGatewayV2::Api",
        ["AWS::Serverless::SimpleTable"] = "AWS::DynamoDB::Table",
        ["AWS::Serverless::LayerVersion"] = "AWS::Lambda::LayerVersion",
    };

    [Fact]
    public void The_SAM_transform_keeps_every_resource_of_the_template()
    {
        var decoded = TemplateUnderTest.Decoded();
        var translated = TemplateUnderTest.Translated();

        Assert.Null(translated.Json["Transform"]);
        Assert.DoesNotContain(translated.Entries, r => r.Type.StartsWith("AWS::Serverless::", StringComparison.Ordinal));
        var lost = decoded.Entries
            .Select(r => (r.Id, Expected: TranslatedTypes.GetValueOrDefault(r.Type, r.Type), Actual: translated.TypeOf(r.Id)))
            .Where(r => r.Actual != r.Expected && !(r.Expected.StartsWith("AWS::Serverless::", StringComparison.Ordinal) && r.Actual is not null))
            .Select(r => $"{r.Id}: expected {r.Expected}, translated as {r.Actual ?? "nothing"}")
            .ToList();

        Assert.NotEmpty(decoded.Entries);
        Assert.True(lost.Count == 0, string.Join('\n', lost));
    }
}
