namespace EksOps.Scenarios;

/// <summary>The log of one container instance (<c>logs:</c> entry in <c>scenario.yaml</c>).</summary>
public sealed record ScenarioLog
{
    /// <summary>The pod's namespace (<c>namespace:</c>).</summary>
    public required string Namespace { get; init; }

    /// <summary>The pod name (<c>pod:</c>).</summary>
    public required string Pod { get; init; }

    /// <summary>The container name (<c>container:</c>).</summary>
    public required string Container { get; init; }

    /// <summary>Whether this is the log of the previous (terminated) instance of the container (<c>previous:</c>, default <see langword="false"/>), as <c>kubectl logs --previous</c> shows it.</summary>
    public required bool Previous { get; init; }

    /// <summary>The log text, from <c>file:</c> or inline <c>text:</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The file the text was read from, relative to the scenario folder; <see langword="null"/> when inline.</summary>
    public string? File { get; init; }
}
