using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Support;

/// <summary>A CloudFormation (or SAM) template as JSON, with the look-ups the tests share.</summary>
/// <param name="Json">The template.</param>
internal sealed record CfnTemplate(JsonObject Json)
{
    /// <summary>Every resource: logical id, type, the resource object.</summary>
    public IEnumerable<(string Id, string Type, JsonObject Resource)> Entries =>
        (Json["Resources"] as JsonObject ?? [])
            .Where(pair => pair.Value is JsonObject)
            .Select(pair => (pair.Key, (string?)pair.Value!["Type"] ?? string.Empty, pair.Value!.AsObject()));

    /// <summary>The logical ids of the resources of the given types.</summary>
    public IEnumerable<string> IdsOf(params string[] types) => Entries.Where(r => types.Contains(r.Type)).Select(r => r.Id);

    /// <summary>The template's parameter names.</summary>
    public IReadOnlySet<string> ParameterNames => (Json["Parameters"] as JsonObject ?? []).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The <c>Globals.Function</c> section (SAM), or an empty object.</summary>
    public JsonObject FunctionGlobals => Json["Globals"]?["Function"] as JsonObject ?? [];

    /// <summary>The resource <paramref name="id"/>; fails the calling test when it is a placeholder row or absent.</summary>
    public JsonObject Resource(string id)
    {
        Assert.False(id == TemplateUnderTest.NoneInTemplate, "the template has none of the resources this test is about");
        return Json["Resources"]?[id] as JsonObject ?? throw new Xunit.Sdk.XunitException($"the template has no resource {id}");
    }

    /// <summary>The type of resource <paramref name="id"/>, or <see langword="null"/> when there is none.</summary>
    public string? TypeOf(string id) => (string?)(Json["Resources"]?[id] as JsonObject)?["Type"];

    /// <summary>The <c>Properties</c> of resource <paramref name="id"/> (an empty object when it has none).</summary>
    public JsonObject Properties(string id) => Resource(id)["Properties"] as JsonObject ?? [];
}
