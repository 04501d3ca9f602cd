using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Build;

/// <summary>
/// Every Makefile-built function of template.yaml is one <c>sam build</c> can build: a provided.al2023
/// <c>bootstrap</c> on the template's Architecture, code at the repository root where the Makefile is, and a
/// <c>build-&lt;LogicalId&gt;</c> target that publishes the function's own Native AOT project for both architectures.
/// The target is dry-run (<c>make -n</c>), not published: an AOT publish takes minutes per function, and CI publishes
/// AlarmIngest through the same target for real.
/// </summary>
public sealed class FunctionBuildTests
{
    /// <summary>The Makefile's ARCH values and the runtime identifier each publishes for.</summary>
    private static readonly Dictionary<string, string> Architectures = new(StringComparer.Ordinal) { ["arm64"] = "linux-arm64", ["x86_64"] = "linux-x64" };

    public static TheoryData<string> Functions => TemplateUnderTest.DecodedRows(MakefileFunction.IdsIn);

    public static TheoryData<string, string> FunctionsByArchitecture
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (string id in TemplateUnderTest.DecodedIds(MakefileFunction.IdsIn))
            {
                foreach (string arch in Architectures.Keys)
                {
                    rows.Add(id, arch);
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_function_is_a_provided_al2023_bootstrap_built_from_the_repository_root(string id)
    {
        var template = TemplateUnderTest.Decoded();
        var function = MakefileFunction.In(template, id);

        Assert.True(id.EndsWith("Function", StringComparison.Ordinal), $"{id}: a Makefile-built function's logical id is its project name plus Function (build-{id} must publish functions/<Name>/<Name>.csproj)");
        var code = function.CodeLocation as JsonValue;
        Assert.True(code is not null && code.TryGetValue(out string? _), $"{id}: CodeUri must be a local path (the folder holding the Makefile), not {Intrinsics.Show(function.CodeLocation)}");
        string folder = Repository.PathOf((string)code!).TrimEnd(Path.DirectorySeparatorChar);
        Assert.True(folder == Repository.Root, $"{id}: CodeUri {code} is {folder}; sam build runs the Makefile found at CodeUri, which is the repository root {Repository.Root}");
        Assert.True(File.Exists(Path.Combine(folder, "Makefile")), $"{id}: no Makefile at CodeUri {code}");
        Assert.Equal("provided.al2023", (string?)function.Effective("Runtime"));
        Assert.Equal("bootstrap", (string?)function.Effective("Handler"));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_function_runs_on_the_Architecture_parameter(string id)
    {
        var template = TemplateUnderTest.Decoded();
        var architectures = MakefileFunction.In(template, id).Effective("Architectures");

        var only = Assert.Single(architectures as JsonArray ?? []);
        Assert.True(Intrinsics.RefTarget(only) == "Architecture", $"{id}: Architectures must be [!Ref Architecture] (the Makefile builds for ARCH, which must match), not {Intrinsics.Show(architectures)}");
        var allowed = template.Json["Parameters"]?["Architecture"]?["AllowedValues"] as JsonArray;
        Assert.NotNull(allowed);
        Assert.Equal(Architectures.Keys.Order(StringComparer.Ordinal), allowed.Select(v => (string?)v).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FunctionsByArchitecture))]
    public void The_build_target_publishes_the_function_project_for_the_architecture(string id, string arch)
    {
        var template = TemplateUnderTest.Decoded();
        var function = MakefileFunction.In(template, id);
        string make = ExternalTools.Require("make", "sam build runs the Makefile, and these tests dry-run its targets.");
        if (arch == "x86_64" && RuntimeInformation.OSArchitecture == Architecture.Arm64)
        {
            Assert.Skip("Native AOT cannot build x86_64 on an arm64 host; the Makefile refuses it by design.");
        }

        var run = MakeDryRun.Run(make, $"build-{id}", arch);

        Assert.True(run.Result.ExitCode == 0, $"make -n build-{id} ARCH={arch}: {run.Result.Describe()}");
        var publish = Assert.Single(run.Publishes());
        Assert.Equal(function.Project, publish.Project);
        Assert.Equal(Architectures[arch], publish.RuntimeIdentifier);
        Assert.True(File.Exists(Repository.PathOf(function.Project)), $"{function.Project} does not exist");
        string copied = Assert.Single(run.CopiedToBootstrap());
        Assert.Equal((string?)ProjectProperties.Of(function.Project)["AssemblyName"], Path.GetFileName(copied));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_function_project_publishes_native_aot(string id)
    {
        var template = TemplateUnderTest.Decoded();
        var function = MakefileFunction.In(template, id);
        Assert.True(File.Exists(Repository.PathOf(function.Project)), $"{id}: {function.Project} does not exist");

        var properties = ProjectProperties.Of(function.Project);

        Assert.Equal("true", ((string?)properties["PublishAot"])?.ToLowerInvariant());
        Assert.Equal("Exe", (string?)properties["OutputType"]);
    }

    [Fact]
    public void The_Makefile_FUNCTIONS_list_is_the_template_functions()
    {
        var template = TemplateUnderTest.Decoded();
        string make = ExternalTools.Require("make", "these tests read the Makefile's FUNCTIONS list through make.");

        // --eval adds a target that prints the variable as make expands it, so the test reads what make reads.
        var result = ProcessRunner.Run(
            make,
            ["-s", "--no-print-directory", "--eval", "eksops-template-tests-functions: ; @echo '$(origin FUNCTIONS)|$(FUNCTIONS)'", "eksops-template-tests-functions"],
            "MAKEFLAGS", "MFLAGS", "MAKELEVEL");

        Assert.True(result.ExitCode == 0, $"make could not print FUNCTIONS: {result.Describe()}");
        string[] parts = result.StandardOutput.Trim().Split('|', 2);
        Assert.True(parts[0] == "file", $"the Makefile declares no FUNCTIONS list (origin of FUNCTIONS: {parts[0]})");
        var listed = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var inTemplate = MakefileFunction.IdsIn(template).Select(id => MakefileFunction.In(template, id).Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(
            listed.SetEquals(inTemplate),
            $"FUNCTIONS in the Makefile but not in the template: [{string.Join(", ", listed.Except(inTemplate))}]; in the template but not in FUNCTIONS: [{string.Join(", ", inTemplate.Except(listed))}]");
    }

    [Fact]
    public void Every_function_project_is_deployed_by_the_template()
    {
        var template = TemplateUnderTest.Decoded();
        var inTemplate = MakefileFunction.IdsIn(template).Select(id => MakefileFunction.In(template, id).Name).ToHashSet(StringComparer.Ordinal);

        var projects = Directory.GetDirectories(Repository.PathOf("functions"))
            .Where(folder => Directory.GetFiles(folder, "*.csproj").Length > 0)
            .Select(Path.GetFileName)
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(projects);
        Assert.True(projects.All(inTemplate.Contains), $"function projects no template function builds: [{string.Join(", ", projects.Where(p => !inTemplate.Contains(p)))}]");
    }
}
