using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksOps.Template.Tests.EnvironmentVariables;

/// <summary>
/// The template's environment variables and the code agree: every EKSOPS_* variable it sets is read somewhere in
/// shared/ or functions/ (a misspelt name would otherwise ship and be ignored), and every variable a function's host
/// requires is set (a missing one is an init error on the first invocation).
/// </summary>
public sealed partial class EnvironmentVariableTests
{
    private static readonly Lazy<IReadOnlySet<string>> NamesInCode = new(() =>
        new[] { "shared", "functions" }
            .SelectMany(folder => Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !Repository.Relative(file).Split('/').Any(part => part is "bin" or "obj"))
            .SelectMany(file => VariableLiteral().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal));

    public static TheoryData<string> Functions => TemplateUnderTest.TranslatedRows(t => t.IdsOf("AWS::Lambda::Function"));

    public static TheoryData<string> MakefileFunctions => TemplateUnderTest.DecodedRows(Build.MakefileFunction.IdsIn);

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_EKSOPS_variable_the_template_sets_is_read_by_the_code(string id)
    {
        var template = TemplateUnderTest.Translated();

        var unread = VariableNames(template.Properties(id))
            .Where(name => name.StartsWith("EKSOPS_", StringComparison.Ordinal) && !NamesInCode.Value.Contains(name))
            .ToList();

        Assert.True(unread.Count == 0, $"{id} sets variables no code under shared/ or functions/ reads (as a \"string literal\"): {string.Join(", ", unread)}");
    }

    [Theory]
    [MemberData(nameof(MakefileFunctions))]
    public void The_variables_the_function_host_requires_are_set(string id)
    {
        var translated = TemplateUnderTest.Translated();
        var decoded = TemplateUnderTest.Decoded();
        var function = Build.MakefileFunction.In(decoded, id);
        string folder = Repository.PathOf($"functions/{function.Name}");
        Assert.True(Directory.Exists(folder), $"{id}: no folder functions/{function.Name}");
        string sources = string.Join('\n', Directory.EnumerateFiles(folder, "*.cs").Select(File.ReadAllText));
        var set = VariableNames(translated.Properties(id)).ToHashSet(StringComparer.Ordinal);

        var missing = HostRequirement.All
            .Where(r => r.Triggers.Any(t => sources.Contains(t, StringComparison.Ordinal)) && !r.AnyOf.Any(set.Contains))
            .ToList();

        foreach (var requirement in missing.Where(r => !r.Enforced))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{id}: the template sets none of {string.Join(" / ", requirement.AnyOf)} ({requirement.What}), which its host documents as required.");
        }

        var enforced = missing.Where(r => r.Enforced).ToList();
        Assert.True(enforced.Count == 0, string.Join('\n', enforced.Select(r => $"{id}: the template does not set {string.Join(" or ", r.AnyOf)} ({r.What}); the function fails at init without it")));
    }

    [Fact]
    public void The_required_variables_are_still_what_the_code_documents()
    {
        var stale = HostRequirement.All
            .SelectMany(r => r.Evidence.Select(e => (r, e)))
            .Where(x => !File.Exists(Repository.PathOf(x.e.File)) || !File.ReadAllText(Repository.PathOf(x.e.File)).Contains(x.e.Text, StringComparison.Ordinal))
            .Select(x => $"{x.r.What}: {x.e.File} no longer says \"{x.e.Text}\"; update HostRequirement.All")
            .ToList();

        Assert.True(stale.Count == 0, string.Join('\n', stale));
    }

    /// <summary>The names of the function's environment variables, in every <c>Fn::If</c> branch.</summary>
    private static IEnumerable<string> VariableNames(JsonObject properties) =>
        Intrinsics.Values(properties["Environment"]).OfType<JsonObject>()
            .SelectMany(environment => Intrinsics.Values(environment["Variables"]).OfType<JsonObject>())
            .SelectMany(variables => variables.Select(v => v.Key))
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex("\"(EKSOPS_[A-Z0-9_]+)\"")]
    private static partial Regex VariableLiteral();
}
