using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Logging;

/// <summary>
/// Every function logs JSON (the format EksOps.Lambda writes and Logs Insights queries) to a log group the stack owns
/// with a retention, and its role may write logs only there: a function that can create log groups or write to any
/// group, or whose logs land in a group with no retention, is what these tests rule out.
/// </summary>
public sealed class FunctionLoggingTests
{
    private static readonly string[] LogWriteActions = ["logs:CreateLogStream", "logs:PutLogEvents"];

    public static TheoryData<string> Functions => TemplateUnderTest.TranslatedRows(t => t.IdsOf("AWS::Lambda::Function"));

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_function_logs_json_to_a_log_group_of_the_stack_with_a_retention(string id)
    {
        var template = TemplateUnderTest.Translated();
        var logging = template.Properties(id)["LoggingConfig"] as JsonObject;

        Assert.NotNull(logging);
        Assert.Equal("JSON", (string?)(logging["LogFormat"] as JsonValue));
        string? group = Intrinsics.RefTarget(logging["LogGroup"]);
        Assert.True(group is not null && template.TypeOf(group) == "AWS::Logs::LogGroup", $"{id}: LoggingConfig.LogGroup must be a Ref to an AWS::Logs::LogGroup of the template, not {Intrinsics.Show(logging["LogGroup"])}");
        Assert.True(Intrinsics.Values(template.Properties(group)["RetentionInDays"]).Any(), $"{group} (the log group of {id}) has no RetentionInDays, so its logs are kept forever");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_function_role_writes_logs_only_to_log_groups_of_the_stack(string id)
    {
        var template = TemplateUnderTest.Translated();
        var properties = template.Properties(id);
        var role = Intrinsics.GetAtt(properties["Role"]);
        Assert.True(role is (var roleId, "Arn") && template.TypeOf(roleId) == "AWS::IAM::Role", $"{id}: Role must be the Arn of an AWS::IAM::Role of the template, not {Intrinsics.Show(properties["Role"])}");
        string own = Intrinsics.RefTarget(properties["LoggingConfig"]?["LogGroup"]) ?? "(no LoggingConfig.LogGroup)";
        var logGroups = template.IdsOf("AWS::Logs::LogGroup").ToHashSet(StringComparer.Ordinal);
        var writes = IamPolicies.StatementsOfRole(template, role.Value.Id).Where(s => LogWriteActions.Any(s.Grants)).ToList();

        var violations = writes
            .SelectMany(s => s.Resources.Where(r => r is JsonValue || !Intrinsics.ReferencedNames(r).Overlaps(logGroups))
                .Select(r => $"{s.Where}: writes logs to {Intrinsics.Show(r)}; only log groups of the template (their Arn) are allowed"))
            .Concat(LogWriteActions
                .Where(action => !writes.Any(s => s.Grants(action) && s.Resources.Any(r => Intrinsics.ReferencedNames(r).Contains(own))))
                .Select(action => $"{role.Value.Id}: does not allow {action} on {own}, the log group {id} logs to"))
            .ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
