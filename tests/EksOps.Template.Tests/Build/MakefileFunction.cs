using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Build;

/// <summary>
/// A function of the template that <c>sam build</c> builds with the Makefile (<c>Metadata.BuildMethod: makefile</c>):
/// its logical id is its project name plus <c>Function</c>, and <c>make build-&lt;LogicalId&gt;</c> publishes
/// functions/&lt;Name&gt;/&lt;Name&gt;.csproj.
/// </summary>
/// <param name="LogicalId">The logical id, e.g. <c>AlarmIngestFunction</c>.</param>
/// <param name="Properties">The resource's properties.</param>
/// <param name="Globals">The template's <c>Globals.Function</c> (applies to AWS::Serverless::Function only).</param>
internal sealed record MakefileFunction(string LogicalId, JsonObject Properties, JsonObject Globals)
{
    /// <summary>The types a Makefile-built function can have.</summary>
    public static readonly string[] Types = ["AWS::Serverless::Function", "AWS::Lambda::Function"];

    /// <summary>The project name: the logical id without its <c>Function</c> suffix.</summary>
    public string Name => LogicalId.EndsWith("Function", StringComparison.Ordinal) ? LogicalId[..^"Function".Length] : LogicalId;

    /// <summary>The project the build target must publish, relative to the repository root.</summary>
    public string Project => $"functions/{Name}/{Name}.csproj";

    /// <summary>The logical ids of the template's Makefile-built functions.</summary>
    public static IEnumerable<string> IdsIn(CfnTemplate template) =>
        template.Entries.Where(r => Types.Contains(r.Type) && (string?)r.Resource["Metadata"]?["BuildMethod"] == "makefile").Select(r => r.Id);

    /// <summary>The function <paramref name="id"/> of <paramref name="template"/>.</summary>
    public static MakefileFunction In(CfnTemplate template, string id) =>
        new(id, template.Properties(id), template.TypeOf(id) == "AWS::Serverless::Function" ? template.FunctionGlobals : []);

    /// <summary>A property as SAM resolves it: the function's own value, else <c>Globals.Function</c>'s.</summary>
    public JsonNode? Effective(string property) => Properties[property] ?? Globals[property];

    /// <summary>Where the code is: <c>CodeUri</c> of a serverless function, <c>Code</c> (a local path) of a Lambda one.</summary>
    public JsonNode? CodeLocation => Effective("CodeUri") ?? Properties["Code"];
}
