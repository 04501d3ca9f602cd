using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Support;

/// <summary>
/// template.yaml as the tests see it, produced once per test process by tests/conformance/translate_template.py (its
/// three runs in parallel): decoded with its AWS::Include files spliced in, translated by samtranslator as
/// <c>sam deploy</c> would, and the list of its AWS::Include Locations. Theory data comes from here too, so every
/// test follows whatever the template contains.
/// </summary>
internal static class TemplateUnderTest
{
    /// <summary>The row a theory gets when the template could not be read: its test then skips or fails with the reason.</summary>
    public const string Unavailable = "(template unavailable)";

    /// <summary>The row a theory gets when the template has none of the resources it is about: its test then fails.</summary>
    public const string NoneInTemplate = "(none in the template)";

    private static readonly Lazy<(TranslatorOutput Decoded, TranslatorOutput Translated, TranslatorOutput Includes)> Runs = new(() =>
    {
        var decoded = Task.Run(() => TranslatorOutput.Run(Repository.Template, "--decoded"));
        var translated = Task.Run(() => TranslatorOutput.Run(Repository.Template));
        var includes = Task.Run(() => TranslatorOutput.Run(Repository.Template, "--includes"));
        return (decoded.GetAwaiter().GetResult(), translated.GetAwaiter().GetResult(), includes.GetAwaiter().GetResult());
    });

    /// <summary>The decoded template, AWS::Include files spliced in, not translated.</summary>
    public static TranslatorOutput DecodedRun => Runs.Value.Decoded;

    /// <summary>The CloudFormation template samtranslator makes of it.</summary>
    public static TranslatorOutput TranslatedRun => Runs.Value.Translated;

    /// <summary>The AWS::Include Locations, as written.</summary>
    public static TranslatorOutput IncludesRun => Runs.Value.Includes;

    /// <summary>The decoded template; skips or fails the calling test when there is none.</summary>
    public static CfnTemplate Decoded() => new(DecodedRun.Require().AsObject());

    /// <summary>The translated template; skips or fails the calling test when there is none.</summary>
    public static CfnTemplate Translated() => new(TranslatedRun.Require().AsObject());

    /// <summary>Theory rows: the logical ids <paramref name="select"/> picks from the decoded template.</summary>
    public static TheoryData<string> DecodedRows(Func<CfnTemplate, IEnumerable<string>> select) => new(Ids(DecodedRun, select));

    /// <summary>Theory rows: the logical ids <paramref name="select"/> picks from the translated template.</summary>
    public static TheoryData<string> TranslatedRows(Func<CfnTemplate, IEnumerable<string>> select) => new(Ids(TranslatedRun, select));

    /// <summary>
    /// The logical ids <paramref name="select"/> picks from the decoded template, in order; <see cref="Unavailable"/>
    /// alone when it could not be read, <see cref="NoneInTemplate"/> alone when it picks none.
    /// </summary>
    public static IReadOnlyList<string> DecodedIds(Func<CfnTemplate, IEnumerable<string>> select) => Ids(DecodedRun, select);

    private static List<string> Ids(TranslatorOutput run, Func<CfnTemplate, IEnumerable<string>> select)
    {
        if (!run.Succeeded)
        {
            return [Unavailable];
        }

        var ids = select(new CfnTemplate((JsonObject)run.Require())).Order(StringComparer.Ordinal).ToList();
        return ids.Count == 0 ? [NoneInTemplate] : ids;
    }
}
