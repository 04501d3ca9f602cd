using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Support;

/// <summary>The identity-based IAM policies of a template and the statements in them, <c>Fn::If</c> branches included.</summary>
internal static class IamPolicies
{
    /// <summary>The types whose <c>PolicyDocument</c> (or inline <c>Policies</c>) are identity-based policies.</summary>
    public static readonly string[] HolderTypes = ["AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group"];

    /// <summary>The statements of the identity policies resource <paramref name="id"/> holds itself (inline or its own document; not the trust policy).</summary>
    public static IEnumerable<PolicyStatement> OwnStatements(CfnTemplate template, string id)
    {
        var properties = template.Properties(id);
        if (template.TypeOf(id) is "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy")
        {
            return Statements($"{id}.PolicyDocument", properties["PolicyDocument"]);
        }

        return Intrinsics.Values(properties["Policies"]).OfType<JsonObject>().SelectMany(policy =>
            Statements($"{id}.Policies[{Intrinsics.Show(policy["PolicyName"]).Trim('"')}]", policy["PolicyDocument"]));
    }

    /// <summary>The statements of a trust policy (<c>AssumeRolePolicyDocument</c>) of role <paramref name="id"/>.</summary>
    public static IEnumerable<PolicyStatement> TrustStatements(CfnTemplate template, string id) =>
        Statements($"{id}.AssumeRolePolicyDocument", template.Properties(id)["AssumeRolePolicyDocument"]);

    /// <summary>
    /// Every statement that applies to role <paramref name="roleId"/>: its inline policies, the template's managed
    /// policies it lists in <c>ManagedPolicyArns</c> (by <c>Ref</c>), and the template's policies and managed policies
    /// whose <c>Roles</c> name it.
    /// </summary>
    public static IEnumerable<PolicyStatement> StatementsOfRole(CfnTemplate template, string roleId)
    {
        var attached = Intrinsics.Values(template.Properties(roleId)["ManagedPolicyArns"])
            .Select(Intrinsics.RefTarget)
            .OfType<string>()
            .Where(id => template.TypeOf(id) == "AWS::IAM::ManagedPolicy");
        var naming = template.IdsOf("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")
            .Where(id => Intrinsics.Values(template.Properties(id)["Roles"]).Any(role => Intrinsics.RefTarget(role) == roleId));
        return OwnStatements(template, roleId)
            .Concat(attached.Concat(naming).Distinct(StringComparer.Ordinal).SelectMany(id => OwnStatements(template, id)));
    }

    /// <summary>The statements of one policy document, with both branches of every <c>Fn::If</c>.</summary>
    public static IEnumerable<PolicyStatement> Statements(string where, JsonNode? document)
    {
        var branches = Intrinsics.Values(document).OfType<JsonObject>().ToList();
        foreach (var doc in branches)
        {
            int index = 0;
            foreach (var statement in Intrinsics.Values(doc["Statement"]))
            {
                // A statement that is not an object (an unresolved intrinsic) is kept as an empty one, which has no
                // Effect: the rules reject it rather than skip what they cannot read.
                var obj = statement as JsonObject ?? [];
                string sid = obj["Sid"] is JsonValue name ? $" ({name})" : statement is JsonObject ? string.Empty : $" (not a statement: {Intrinsics.Show(statement)})";
                yield return new PolicyStatement($"{where}.Statement[{index}]{sid}", obj);
                index++;
            }
        }
    }
}
