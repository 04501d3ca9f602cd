using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Support;

/// <summary>
/// One run of tests/conformance/translate_template.py: its JSON, or why there is none. Exit code 3 means cfn-lint or
/// samtranslator is not installed (the test skips, or fails in CI); any other failure means the template is wrong.
/// </summary>
internal sealed class TranslatorOutput
{
    private const int ToolsMissingExitCode = 3;

    private readonly JsonNode? _json;
    private readonly string? _problem;
    private readonly bool _toolsMissing;

    private TranslatorOutput(JsonNode? json, string? problem, bool toolsMissing)
    {
        _json = json;
        _problem = problem;
        _toolsMissing = toolsMissing;
    }

    /// <summary>Whether the run produced JSON.</summary>
    public bool Succeeded => _json is not null;

    /// <summary>Runs the translator with <paramref name="arguments"/> (after the script path).</summary>
    public static TranslatorOutput Run(params string[] arguments)
    {
        string? python = ExternalTools.FindOnPath("python3");
        if (python is null)
        {
            return new TranslatorOutput(null, "python3 was not found on PATH; the template tests run tests/conformance/translate_template.py with it.", toolsMissing: true);
        }

        ProcessResult result;
        try
        {
            result = ProcessRunner.Run(python, [Repository.Translator, .. arguments]);
        }
        catch (TimeoutException e)
        {
            return new TranslatorOutput(null, e.Message, toolsMissing: false);
        }

        string command = $"translate_template.py {string.Join(' ', arguments)}";
        if (result.ExitCode == ToolsMissingExitCode)
        {
            return new TranslatorOutput(null, $"{command}: {result.StandardError.Trim()}", toolsMissing: true);
        }

        if (result.ExitCode != 0)
        {
            return new TranslatorOutput(null, $"{command} failed ({result.ExitCode}):\n{result.StandardError.Trim()}", toolsMissing: false);
        }

        try
        {
            return new TranslatorOutput(JsonNode.Parse(result.StandardOutput), null, toolsMissing: false);
        }
        catch (JsonException e)
        {
            return new TranslatorOutput(null, $"{command} printed no valid JSON ({e.Message}):\n{result.StandardOutput}", toolsMissing: false);
        }
    }

    /// <summary>The JSON; or the calling test is skipped (tools missing, outside CI) or failed with the reason.</summary>
    public JsonNode Require()
    {
        if (_json is not null)
        {
            return _json;
        }

        if (_toolsMissing)
        {
            ExternalTools.Unavailable(_problem!);
        }

        Assert.Fail(_problem);
        throw new InvalidOperationException("unreachable: Assert.Fail throws");
    }
}
