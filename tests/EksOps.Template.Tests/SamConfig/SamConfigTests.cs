using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Template.Tests.Support;

namespace EksOps.Template.Tests.SamConfig;

/// <summary>
/// samconfig.toml against the template: SAM CLI reads it as TOML (version a float, one table per environment and
/// command), and every parameter override must be a template parameter whose constraints the value meets, or
/// <c>sam deploy</c> fails only once it reaches CloudFormation.
/// </summary>
public sealed class SamConfigTests
{
    private static readonly Lazy<JsonObject?> Config = new(ReadConfig);

    public static TheoryData<string> Environments => new("default", "prod");

    [Fact]
    public void Version_is_the_float_SAM_CLI_requires()
    {
        var version = Require()["version"];
        Assert.NotNull(version);
        Assert.Equal(0.1, version.GetValue<double>());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_environment_configures_build_validate_and_deploy(string environment)
    {
        var tables = Require()[environment] as JsonObject;
        Assert.True(tables is not null, $"samconfig.toml has no [{environment}.*] tables");
        foreach (string command in new[] { "global", "build", "validate", "deploy" })
        {
            Assert.True(tables[command]?["parameters"] is JsonObject, $"samconfig.toml has no [{environment}.{command}.parameters]");
        }

        var deploy = (JsonObject)tables["deploy"]!["parameters"]!;
        string capabilities = (string?)deploy["capabilities"] ?? string.Empty;
        // The roles have no names (CAPABILITY_IAM); the generated schemas are spliced in with AWS::Include (AUTO_EXPAND).
        Assert.Contains("CAPABILITY_IAM", capabilities.Split(' '));
        Assert.Contains("CAPABILITY_AUTO_EXPAND", capabilities.Split(' '));
        Assert.NotNull((string?)tables["global"]!["parameters"]!["stack_name"]);
    }

    [Fact]
    public void The_default_environment_has_local_settings()
    {
        var tables = Require()["default"] as JsonObject ?? [];
        Assert.Contains(tables, table => table.Key.StartsWith("local_", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameter_overrides_name_template_parameters_with_values_they_accept()
    {
        var template = TemplateUnderTest.Decoded();
        var parameters = template.Json["Parameters"] as JsonObject ?? [];
        var problems = new List<string>();
        int checkedOverrides = 0;
        foreach (var (environment, tables) in Require().Where(e => e.Value is JsonObject))
        {
            foreach (var (command, table) in (JsonObject)tables!)
            {
                if ((string?)table?["parameters"]?["parameter_overrides"] is not { } overrides)
                {
                    continue;
                }

                foreach (var (name, value) in Overrides(overrides))
                {
                    checkedOverrides++;
                    string where = $"[{environment}.{command}] {name}={value}";
                    if (parameters[name] is not JsonObject parameter)
                    {
                        problems.Add($"{where}: no such template parameter");
                        continue;
                    }

                    if (Violation(parameter, value) is { } violation)
                    {
                        problems.Add($"{where}: {violation}");
                    }
                }
            }
        }

        Assert.True(checkedOverrides > 0, "samconfig.toml sets no parameter_overrides");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>SAM CLI splits parameter_overrides like a shell: Key=Value pairs, values optionally double-quoted.</summary>
    private static IEnumerable<(string Name, string Value)> Overrides(string overrides) =>
        Regex.Matches(overrides, "(?<name>[A-Za-z0-9]+)=(?:\"(?<value>[^\"]*)\"|(?<value>\\S*))")
            .Select(m => (m.Groups["name"].Value, m.Groups["value"].Value));

    private static string? Violation(JsonObject parameter, string value)
    {
        if (parameter["AllowedValues"] is JsonArray allowed && !allowed.Any(a => a?.ToString() == value))
        {
            return $"not one of {allowed.ToJsonString()}";
        }

        if ((string?)parameter["AllowedPattern"] is { } pattern && !Regex.IsMatch(value, pattern))
        {
            return $"does not match {pattern}";
        }

        if ((string?)parameter["Type"] == "Number")
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                return "not a number";
            }

            if (parameter["MinValue"] is { } min && number < min.GetValue<double>())
            {
                return $"below MinValue {min}";
            }

            if (parameter["MaxValue"] is { } max && number > max.GetValue<double>())
            {
                return $"above MaxValue {max}";
            }
        }

        return null;
    }

    private static JsonObject Require() =>
        Config.Value ?? ExternalToolsUnavailable("python3 (3.11+, tomllib) is needed to read samconfig.toml as SAM CLI does");

    private static JsonObject ExternalToolsUnavailable(string reason)
    {
        ExternalTools.Unavailable(reason);
        throw new InvalidOperationException(reason);
    }

    // TOML read by Python's tomllib, as SAM CLI (a Python program) reads it, rather than by a parser of our own.
    private static JsonObject? ReadConfig()
    {
        if (ExternalTools.FindOnPath("python3") is not { } python)
        {
            return null;
        }

        var result = ProcessRunner.Run(python, ["-c", "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))", Repository.PathOf("samconfig.toml")]);
        Assert.True(result.ExitCode == 0, "samconfig.toml is not valid TOML: " + result.Describe());
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }
}
