using System.Text.Json.Nodes;

namespace EksOps.Scenarios;

/// <summary>
/// One incident, frozen: the alarm that fired, the cluster's objects at that moment, the logs and metrics an
/// investigator could read, and (optionally) what a correct investigation concludes. Loaded and validated by
/// <see cref="ScenarioLoader"/> from a folder in the scenario format (<c>scenarios/FORMAT.md</c>).
/// </summary>
/// <remarks>
/// Lists are read-only. The <see cref="Objects"/> are <see cref="JsonObject"/>s and therefore mutable: a consumer
/// that changes an object (a simulated API server applying a patch) should work on a <c>DeepClone()</c>.
/// </remarks>
public sealed record Scenario
{
    /// <summary>The scenario id (<c>id:</c>, else the folder name), matching <c>[a-z0-9-]+</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A one-line title (<c>title:</c>).</summary>
    public required string Title { get; init; }

    /// <summary>The scenario clock (<c>now:</c>), in UTC: every "current time" in a replay is this instant.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The cluster the incident happens in (<c>cluster:</c>).</summary>
    public required ScenarioCluster Cluster { get; init; }

    /// <summary>The alarm event that fired (<c>alarm:</c>), raw and parsed.</summary>
    public required ScenarioAlarm Alarm { get; init; }

    /// <summary>
    /// The Kubernetes objects (<c>objects:</c>) in file order, <c>v1/List</c>s flattened into their items, converted
    /// from YAML to JSON as Kubernetes converts it. Each has <c>apiVersion</c>, <c>kind</c> and <c>metadata.name</c>.
    /// </summary>
    public required IReadOnlyList<JsonObject> Objects { get; init; }

    /// <summary>The container logs (<c>logs:</c>); empty when the scenario has none.</summary>
    public required IReadOnlyList<ScenarioLog> Logs { get; init; }

    /// <summary>The CloudWatch metrics (<c>metrics:</c>); empty when the scenario has none.</summary>
    public required IReadOnlyList<ScenarioMetric> Metrics { get; init; }

    /// <summary>What a correct investigation concludes (<c>expect:</c>); <see langword="null"/> when the scenario does not say.</summary>
    public ScenarioExpectation? Expect { get; init; }

    /// <summary>The full path of the folder the scenario was loaded from.</summary>
    public required string Directory { get; init; }
}
