using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools.Tests;

/// <summary>A change read back from its JSON is the change that was planned, or it is refused.</summary>
public sealed class ProposedChangeJsonTests
{
    private static ProposedChange Change(string? ns = "shop") => new()
    {
        Cluster = "retail-prod-apne2",
        Namespace = ns,
        Target = "Deployment/checkout",
        Runbook = RunbookId.IncreaseMemoryLimit,
        Effect = RunbookEffect.Write,
        Patch = JsonNode.Parse("""{"strategicMergePatch": {"spec": {"template": {"spec": {"containers": [{"name": "app", "resources": {"limits": {"memory": "768Mi"}}}]}}}}}""")!.AsObject(),
        Summary = "raise app's memory limit 512Mi -> 768Mi",
    };

    [Theory]
    [InlineData("shop")]
    [InlineData(null)]
    public void A_change_survives_the_round_trip_through_its_json(string? ns)
    {
        var change = Change(ns);

        var read = ProposedChange.FromJson(JsonNode.Parse(change.ToJson().ToJsonString())!.AsObject());

        Assert.Equal(change.ToJson().ToJsonString(), read.ToJson().ToJsonString());
        Assert.Equal(change.PatchHash, read.PatchHash);
    }

    [Fact]
    public void A_patch_altered_after_planning_is_refused()
    {
        var json = Change().ToJson();
        json["patch"]!["strategicMergePatch"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"] = "[REDACTED:secret]";

        var error = Assert.Throws<FormatException>(() => ProposedChange.FromJson(json));

        Assert.Contains("patchHash", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster", "no cluster")]
    [InlineData("target", "no target")]
    [InlineData("patch", "no patch")]
    [InlineData("effect", "no effect")]
    public void A_missing_member_is_named(string member, string message)
    {
        var json = Change().ToJson();
        json.Remove(member);

        Assert.Contains(message, Assert.Throws<FormatException>(() => ProposedChange.FromJson(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_runbook_or_effect_is_malformed()
    {
        var json = Change().ToJson();
        json["runbook"] = "reboot-the-world";
        Assert.Throws<FormatException>(() => ProposedChange.FromJson(json));

        json = Change().ToJson();
        json["effect"] = "everything";
        Assert.Contains("effect", Assert.Throws<FormatException>(() => ProposedChange.FromJson(json)).Message, StringComparison.Ordinal);
    }
}
