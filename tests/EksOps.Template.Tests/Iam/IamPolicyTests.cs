using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Iam;

/// <summary>
/// Least privilege, checked on the template <c>sam deploy</c> creates (samtranslator's output, so roles and policies
/// SAM generates are checked too): every action is named, <c>*</c> resources only for the actions in
/// <see cref="StarResourceActions"/>, every permission written in the template (no AWS-managed policies), trust
/// policies name a service or an account, Lambda resource policies are bound to their source, and cluster roles are
/// assumed only as the ClusterRoleArns-style parameters allow. <c>Fn::If</c> branches are all checked.
/// </summary>
public sealed class IamPolicyTests
{
    public static TheoryData<string> PolicyHolders => TemplateUnderTest.TranslatedRows(t => t.IdsOf(IamPolicies.HolderTypes));

    public static TheoryData<string> Roles => TemplateUnderTest.TranslatedRows(t => t.IdsOf("AWS::IAM::Role"));

    public static TheoryData<string> PrincipalsWithManagedPolicies => TemplateUnderTest.TranslatedRows(t => t.IdsOf("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"));

    public static TheoryData<string> LambdaPermissions => TemplateUnderTest.TranslatedRows(t => t.IdsOf("AWS::Lambda::Permission"));

    public static TheoryData<string> FunctionUrls => TemplateUnderTest.TranslatedRows(t => t.IdsOf("AWS::Lambda::Url"));

    [Theory]
    [MemberData(nameof(PolicyHolders))]
    public void Statements_allow_only_named_actions(string id)
    {
        var template = TemplateUnderTest.Translated();
        var violations = new List<string>();

        foreach (var statement in IamPolicies.OwnStatements(template, id))
        {
            if ((string?)statement.Statement["Effect"] is not ("Allow" or "Deny"))
            {
                violations.Add($"{statement.Where}: Effect must be Allow or Deny");
            }

            foreach (string element in new[] { "NotAction", "NotResource", "NotPrincipal" }.Where(statement.Statement.ContainsKey))
            {
                violations.Add($"{statement.Where}: {element} grants everything it does not list; name what is allowed instead");
            }

            if (statement.Actions.Count == 0)
            {
                violations.Add($"{statement.Where}: no Action");
            }

            foreach (var action in statement.Actions)
            {
                if (action is not JsonValue value || !value.TryGetValue(out string? name))
                {
                    violations.Add($"{statement.Where}: Action {Intrinsics.Show(action)} is not a literal action name, so it cannot be reviewed");
                }
                else if (statement.Allows && name.Contains('*', StringComparison.Ordinal))
                {
                    violations.Add($"{statement.Where}: Action {name} is a wildcard; list the actions the code calls");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [MemberData(nameof(PolicyHolders))]
    public void Star_resources_are_allowed_only_for_actions_without_resource_level_permissions(string id)
    {
        var template = TemplateUnderTest.Translated();

        var violations = IamPolicies.OwnStatements(template, id)
            .Where(s => s.Allows && s.OnEveryResource)
            .SelectMany(s => s.ActionNames.Where(a => !StarResourceActions.Allows(a)).Select(a => $"{s.Where}: {a} on \"*\"; name its resources (only the actions in StarResourceActions may have \"*\")"))
            .ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [MemberData(nameof(PolicyHolders))]
    public void Roles_are_assumed_only_as_parameters_name_them(string id)
    {
        var template = TemplateUnderTest.Translated();
        var parameters = template.ParameterNames;

        var violations = IamPolicies.OwnStatements(template, id)
            .Where(s => s.ActionNames.Any(a => a.StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(s => s.Resources.Count == 0
                ? [$"{s.Where}: sts:AssumeRole without a Resource"]
                : s.Resources
                    .Where(r => Intrinsics.RefTarget(r) is not { } name || !parameters.Contains(name))
                    .Select(r => $"{s.Where}: sts:AssumeRole on {Intrinsics.Show(r)}; only a Ref to a parameter listing the role ARNs is allowed"))
            .ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void The_trust_policy_names_a_service_or_an_account(string id)
    {
        var template = TemplateUnderTest.Translated();
        var statements = IamPolicies.TrustStatements(template, id).ToList();
        var violations = new List<string>();

        Assert.True(statements.Count > 0, $"{id}: no AssumeRolePolicyDocument statements");
        foreach (var statement in statements)
        {
            if (statement.Statement.ContainsKey("NotPrincipal"))
            {
                violations.Add($"{statement.Where}: NotPrincipal trusts everyone it does not list");
            }

            if (statement.Statement["Principal"] is not JsonObject principal || principal.Count == 0)
            {
                violations.Add($"{statement.Where}: Principal must be an object naming a Service, an AWS account or a Federated provider, not {Intrinsics.Show(statement.Statement["Principal"])}");
                continue;
            }

            foreach (var (kind, value) in principal)
            {
                var values = Intrinsics.Values(value).ToList();
                if (kind is not ("Service" or "AWS" or "Federated"))
                {
                    violations.Add($"{statement.Where}: Principal {kind} is not a service, account or federated principal");
                }
                else if (values.Count == 0 || values.Any(v => v is JsonValue text && (string?)text == "*"))
                {
                    violations.Add($"{statement.Where}: Principal {kind} is {Intrinsics.Show(value)}; trust a named service or account, never \"*\"");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [MemberData(nameof(PrincipalsWithManagedPolicies))]
    public void Every_attached_policy_is_written_in_the_template(string id)
    {
        var template = TemplateUnderTest.Translated();

        var violations = Intrinsics.Values(template.Properties(id)["ManagedPolicyArns"])
            .Where(arn => Intrinsics.RefTarget(arn) is not { } target || template.TypeOf(target) != "AWS::IAM::ManagedPolicy")
            .Select(arn => Intrinsics.Strings(arn).Any(s => s.Contains(":iam::aws:policy/", StringComparison.Ordinal))
                ? $"{id}: attaches the AWS-managed policy {Intrinsics.Show(arn)}; write the statements it needs in the template"
                : $"{id}: attaches {Intrinsics.Show(arn)}, which is not an AWS::IAM::ManagedPolicy of the template, so its permissions cannot be reviewed here")
            .ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [MemberData(nameof(LambdaPermissions))]
    public void Lambda_permissions_are_bound_to_their_source(string id)
    {
        var template = TemplateUnderTest.Translated();
        var properties = template.Properties(id);
        string principal = Intrinsics.Show(properties["Principal"]);

        if (properties.ContainsKey("FunctionUrlAuthType"))
        {
            // A Function URL permission has no source to bind to: its principal is whoever calls the URL, and the
            // auth type (AWS_IAM: a signed caller; NONE: anyone, the function checks the request) is the guard.
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{id}: Function URL permission (principal {principal}, auth type {Intrinsics.Show(properties["FunctionUrlAuthType"])}, action {Intrinsics.Show(properties["Action"])}) has no SourceArn/SourceAccount by design.");
            return;
        }

        if (properties["InvokedViaFunctionUrl"] is JsonValue viaUrl && viaUrl.TryGetValue(out bool invokedViaUrl) && invokedViaUrl)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{id}: lambda:InvokeFunction only through the Function URL (principal {principal}); no source to bind to.");
            return;
        }

        bool bound = Intrinsics.Values(properties["SourceArn"]).Any() || Intrinsics.Values(properties["SourceAccount"]).Any();
        Assert.True(bound, $"{id}: principal {principal} may invoke {Intrinsics.Show(properties["FunctionName"])} for any source; set SourceArn (or at least SourceAccount)");
    }

    [Theory]
    [MemberData(nameof(FunctionUrls))]
    public void A_function_url_that_can_be_public_has_the_public_permissions(string id)
    {
        var template = TemplateUnderTest.Translated();
        var url = template.Properties(id);
        var authTypes = Intrinsics.Values(url["AuthType"]).Select(v => (string?)(v as JsonValue)).ToList();
        if (!authTypes.Contains("NONE"))
        {
            Assert.True(authTypes.All(a => a == "AWS_IAM"), $"{id}: AuthType {Intrinsics.Show(url["AuthType"])} must be AWS_IAM or NONE in every branch");
            return;
        }

        // With AuthType NONE the function's resource policy must still let everyone in: lambda:InvokeFunctionUrl for
        // FunctionUrlAuthType NONE and, for URLs created since October 2025, lambda:InvokeFunction through the URL.
        // SAM writes both only for a literal NONE; when AuthType is an Fn::If, the template must write them.
        var function = Intrinsics.ReferencedNames(url["TargetFunctionArn"]);
        var permissions = template.IdsOf("AWS::Lambda::Permission")
            .Select(template.Properties)
            .Where(p => Intrinsics.ReferencedNames(p["FunctionName"]).Overlaps(function) && (string?)(p["Principal"] as JsonValue) == "*")
            .ToList();
        bool urlInvoke = permissions.Any(p =>
            (string?)(p["Action"] as JsonValue) == "lambda:InvokeFunctionUrl" && Intrinsics.Values(p["FunctionUrlAuthType"]).Any(v => (string?)(v as JsonValue) == "NONE"));
        bool functionInvoke = permissions.Any(p =>
            (string?)(p["Action"] as JsonValue) == "lambda:InvokeFunction" && p["InvokedViaFunctionUrl"] is JsonValue via && via.TryGetValue(out bool viaUrl) && viaUrl);

        Assert.True(
            urlInvoke && functionInvoke,
            $"{id}: AuthType can be NONE ({Intrinsics.Show(url["AuthType"])}) but the function has no public " +
            $"{(urlInvoke ? string.Empty : "lambda:InvokeFunctionUrl permission (Principal \"*\", FunctionUrlAuthType NONE)")}" +
            $"{(urlInvoke || functionInvoke ? string.Empty : " and no ")}" +
            $"{(functionInvoke ? string.Empty : "lambda:InvokeFunction permission (Principal \"*\", InvokedViaFunctionUrl true)")}; every request would get 403. " +
            "Add them as AWS::Lambda::Permission resources under the same condition as the NONE branch.");
    }

    [Fact]
    public void The_star_allow_list_matches_the_service_authorization_reference()
    {
        var actions = StarResourceActions.All.Select(a => a.Action).ToArray();
        var types = TranslatorOutput.Run(["--resource-types", .. actions]).Require().AsObject();

        var violations = StarResourceActions.All.Select(entry => (entry, resources: types[entry.Action] as JsonArray)).Where(x => x.resources is null
                || (x.entry.HasNoResourceTypes ? x.resources.Count > 0 : x.resources.Count == 0))
            .Select(x => x.resources is null
                ? $"{x.entry.Action}: unknown to the Service Authorization Reference (a typo?)"
                : $"{x.entry.Action}: the reference lists resource types [{string.Join(", ", x.resources)}], but the allow-list says it has {(x.entry.HasNoResourceTypes ? "none" : "some")}")
            .ToList();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
